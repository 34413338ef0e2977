package org.meetups.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/** Conditions on the mails sent so far. */
final class Mails {
    private Mails() {}

    /** Every expected mail ("KIND address") is among them, as many times as expected at least. */
    static Predicate<List<SentMail>> include(Collection<String> expected) {
        return mails -> {
            List<String> left =
                    new ArrayList<>(mails.stream().map(SentMail::what).toList());
            for (String mail : expected) {
                if (!left.remove(mail)) {
                    return false;
                }
            }
            return true;
        };
    }
}
