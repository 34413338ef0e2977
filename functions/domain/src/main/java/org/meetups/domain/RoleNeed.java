package org.meetups.domain;

/**
 * A volunteer role a meetup needs. {@code filled} counts the assignment items of the role;
 * {@code position} keeps the coordinator's ordering (DynamoDB maps have none).
 */
public record RoleNeed(String description, int slots, int minimum, int filled, int position) {}
