package org.meetups.digest.domain;

import java.time.Instant;
import java.time.YearMonth;

/**
 * How many distinct people were involved in a month: held a role at, or attended (going, not marked
 * a no-show), a meetup that started in that month, up to {@code until}. One small interface so that
 * stored involvement aggregates can replace the count made from the meetups.
 */
public interface PeopleInvolved {
    int count(YearMonth month, Instant until);
}
