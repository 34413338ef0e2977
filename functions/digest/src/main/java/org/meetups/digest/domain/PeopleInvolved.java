package org.meetups.digest.domain;

import java.time.YearMonth;

/**
 * How many distinct people were involved in a month so far: attended a meetup or workshop of the
 * month (attendance recorded), held a role at one, or shared a highlight in it.
 */
public interface PeopleInvolved {
    int count(YearMonth month);
}
