package org.meetups.mail;

/**
 * One entry a person has in their calendar for a meetup: attending it ({@code role == null}) or
 * holding a volunteer role at it. Each has its own stable UID, so withdrawing from a role never
 * cancels the attendance entry and vice versa.
 */
public record CalendarEntry(String meetupId, String role) {

    public static CalendarEntry attendance(String meetupId) {
        return new CalendarEntry(meetupId, null);
    }

    public static CalendarEntry volunteering(String meetupId, String role) {
        return new CalendarEntry(meetupId, role);
    }

    public String uid(String domain) {
        return role == null
                ? "meetup-" + meetupId + "@" + domain
                : "meetup-" + meetupId + "-role-" + role + "@" + domain;
    }
}
