package org.meetups.notify.domain;

import org.meetups.mail.Recipient;

/** A role-assignment item as the stream shows it; {@code assignedAt} as stored names the assignment. */
public record RoleImage(String meetupId, String role, Recipient person, String assignedAt) {}
