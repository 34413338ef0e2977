package org.meetups.domain;

/**
 * A coordinator's definition of one role, as sent in a meetup's {@code roles} or to the role routes.
 * Fields left out take defaults ({@code slots} 1, {@code minimum} 0) on creation.
 */
public record RoleInput(String name, String description, Integer slots, Integer minimum) {}
