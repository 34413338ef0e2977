package org.meetups.seats;

import java.time.Instant;

/**
 * One person's RSVP for one meetup ({@code MEETUP#id / RSVP#userId}). {@code position} is the
 * waitlist ticket (FIFO order), present only while WAITLISTED; the live place in the queue is
 * counted from the tickets ahead ({@link Waitlist#placeOf}). Name and email are copied from the
 * caller's token so attendee lists need no profile lookup ({@code language} only on items written
 * before language became a profile preference). {@code generation} counts the person's sign-ups for
 * the meetup (1 for the first, +1 each time they sign up again after cancelling; absent on items
 * older than it, which counts as 0): a one-click link names the sign-up it was minted for.
 * {@code meetupStartsAt} is a copy of the meetup's start as of {@code meetupVersion}
 * ({@link org.meetups.store.MeetupCopies}); {@code changedBy} names the coordinator who made
 * the last change of status for the person (added, seated, removed), null when the person did.
 */
public record Rsvp(
        String meetupId,
        String userId,
        String email,
        String name,
        String language,
        RsvpStatus status,
        Long position,
        Attendance attendance,
        Instant createdAt,
        Instant updatedAt,
        Instant meetupStartsAt,
        Long generation,
        Long meetupVersion,
        String changedBy) {

    /** The same RSVP showing {@code place} as its position (the live place in the queue rather than the ticket). */
    public Rsvp withPosition(long place) {
        return toBuilder().position(place).build();
    }

    /** A builder that starts from this RSVP: the one way to copy it with some attributes changed. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.meetupId = meetupId;
        b.userId = userId;
        b.email = email;
        b.name = name;
        b.language = language;
        b.status = status;
        b.position = position;
        b.attendance = attendance;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.meetupStartsAt = meetupStartsAt;
        b.generation = generation;
        b.meetupVersion = meetupVersion;
        b.changedBy = changedBy;
        return b;
    }

    public boolean holdsSeat() {
        return status == RsvpStatus.GOING;
    }

    public boolean waiting() {
        return status == RsvpStatus.WAITLISTED;
    }

    /** The sign-up this item holds now; links carry it (0 for items written before generations). */
    public long signUpGeneration() {
        return generation == null ? 0 : generation;
    }

    public boolean active() {
        return status == RsvpStatus.GOING || status == RsvpStatus.WAITLISTED;
    }

    /** Builds an RSVP attribute by attribute (the table schema reads items through it too). */
    public static final class Builder {
        private String meetupId;
        private String userId;
        private String email;
        private String name;
        private String language;
        private RsvpStatus status;
        private Long position;
        private Attendance attendance;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant meetupStartsAt;
        private Long generation;
        private Long meetupVersion;
        private String changedBy;

        public Builder meetupId(String value) {
            this.meetupId = value;
            return this;
        }

        public Builder userId(String value) {
            this.userId = value;
            return this;
        }

        public Builder email(String value) {
            this.email = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder language(String value) {
            this.language = value;
            return this;
        }

        public Builder status(RsvpStatus value) {
            this.status = value;
            return this;
        }

        public Builder position(Long value) {
            this.position = value;
            return this;
        }

        public Builder attendance(Attendance value) {
            this.attendance = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            this.updatedAt = value;
            return this;
        }

        public Builder meetupStartsAt(Instant value) {
            this.meetupStartsAt = value;
            return this;
        }

        public Builder generation(Long value) {
            this.generation = value;
            return this;
        }

        public Builder meetupVersion(Long value) {
            this.meetupVersion = value;
            return this;
        }

        public Builder changedBy(String value) {
            this.changedBy = value;
            return this;
        }

        public Rsvp build() {
            return new Rsvp(
                    meetupId,
                    userId,
                    email,
                    name,
                    language,
                    status,
                    position,
                    attendance,
                    createdAt,
                    updatedAt,
                    meetupStartsAt,
                    generation,
                    meetupVersion,
                    changedBy);
        }
    }
}
