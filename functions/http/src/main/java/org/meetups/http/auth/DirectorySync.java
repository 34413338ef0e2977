package org.meetups.http.auth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.meetups.directory.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Keeps the directory up to date from the tokens of people using the API, at no cost for a steady
 * user: each execution environment remembers what it last confirmed per person, and only a person
 * it has not seen with these claims costs one conditional UpdateItem (which writes nothing when the
 * entry already says it). A failure is logged and tried again on the person's next request: the
 * directory never holds a request back.
 */
public final class DirectorySync {
    private static final Logger LOG = LoggerFactory.getLogger(DirectorySync.class);
    private static final int REMEMBERED = 10_000;

    private final Directory directory;
    private final Clock clock;
    private final Map<String, String> confirmed = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    public DirectorySync(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    public void seen(Caller caller) {
        String claims = caller.email() + "\n" + caller.name() + "\n" + caller.department() + "\n" + caller.manager();
        synchronized (confirmed) {
            if (claims.equals(confirmed.get(caller.userId()))) {
                return;
            }
        }
        try {
            directory.recordSignedIn(
                    caller.userId(),
                    caller.email(),
                    caller.name(),
                    caller.department(),
                    caller.manager(),
                    clock.instant());
            synchronized (confirmed) {
                confirmed.put(caller.userId(), claims);
            }
        } catch (SdkException e) {
            LOG.warn("directory not updated for this caller (tried again on their next request)", e);
        }
    }
}
