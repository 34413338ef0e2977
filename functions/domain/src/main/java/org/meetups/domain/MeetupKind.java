package org.meetups.domain;

public enum MeetupKind {
    COMMUNITY_MEETUP,
    INTERNAL_WORKSHOP
}
