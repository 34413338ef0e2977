package org.meetups.roles.domain;

/** A coordinator's change to a role: any subset; a blank description clears it. */
public record RoleChange(String description, Integer slots, Integer minimum) {}
