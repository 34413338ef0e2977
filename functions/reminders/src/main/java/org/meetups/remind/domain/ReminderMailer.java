package org.meetups.remind.domain;

import org.meetups.common.domain.Meetup;

/** Sends one reminder mail; retries throttling itself and reports what became of the mail. */
public interface ReminderMailer {
    enum Outcome {
        SENT,
        /** Refused for good (e.g. a rejected address): not retried. */
        REJECTED,
        /** Still throttled or unavailable after retries: the next run sends it. */
        DEFERRED
    }

    /** {@code detail}: SES's message id, or why the mail was refused. */
    record Result(Outcome outcome, String detail) {}

    Result send(Meetup meetup, int offsetMinutes, Recipient recipient);
}
