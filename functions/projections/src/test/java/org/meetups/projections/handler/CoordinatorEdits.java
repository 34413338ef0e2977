package org.meetups.projections.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.meetups.meetup.handler.MeetupsHandler;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;

/** The coordinator's changes to a meetup, through the meetups function, that the projections then follow. */
final class CoordinatorEdits {
    private CoordinatorEdits() {}

    /** A PATCH of the meetup at {@code version} with {@code json}; fails unless it is accepted. */
    static void patch(TestStack stack, MeetupsHandler meetups, String id, long version, String json) {
        ApiResult patched = stack.call(
                meetups,
                ApiEvents.request("PATCH", "/meetups/{id}")
                        .path("id", id)
                        .header("if-match", "\"" + version + "\"")
                        .as(TestUsers.coordinator())
                        .json(json));
        assertEquals(200, patched.status(), patched::toString);
    }

    /** A PATCH of the meetup's start and end. */
    static void move(TestStack stack, MeetupsHandler meetups, String id, long version, String startsAt, String endsAt) {
        patch(stack, meetups, id, version, "{\"startsAt\":\"" + startsAt + "\",\"endsAt\":\"" + endsAt + "\"}");
    }
}
