package org.meetups.roles.domain;

/** A coordinator's body for assigning someone: how to name and reach them (the user id is in the path). */
public record AssigneeInput(String name, String email, String language) {}
