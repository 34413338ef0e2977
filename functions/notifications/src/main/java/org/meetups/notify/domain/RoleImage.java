package org.meetups.notify.domain;

import org.meetups.mail.Recipient;

/** A role-assignment item as the stream shows it. */
public record RoleImage(String meetupId, String role, Recipient person) {}
