package org.meetups.common.domain;

public enum MeetupKind {
    COMMUNITY_MEETUP,
    INTERNAL_WORKSHOP
}
