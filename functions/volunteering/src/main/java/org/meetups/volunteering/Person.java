package org.meetups.volunteering;

/** Who takes a role: from the token when volunteering, from the coordinator's request when assigned. */
public record Person(String userId, String name, String email, String language) {}
