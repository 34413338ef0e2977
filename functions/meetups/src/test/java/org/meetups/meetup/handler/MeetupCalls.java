package org.meetups.meetup.handler;

import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;

/** The meetups function's calls the tests make, through one handler on one stack. */
record MeetupCalls(TestStack stack, MeetupsHandler handler) {
    /** A coordinator creates the meetup. */
    ApiResult create(String json) {
        return stack.call(
                handler, ApiEvents.request("POST", "/meetups").json(json).as(TestUsers.coordinator()));
    }

    ApiResult get(String id, User user) {
        return stack.call(
                handler,
                ApiEvents.request("GET", "/meetups/{id}").path("id", id).as(user));
    }

    /** A change, with {@code If-Match} unless {@code ifMatch} is null. */
    ApiResult patch(String id, String ifMatch, String json, User user) {
        ApiEvents.Builder request = ApiEvents.request("PATCH", "/meetups/{id}")
                .path("id", id)
                .json(json)
                .as(user);
        if (ifMatch != null) {
            request.header("if-match", ifMatch);
        }
        return stack.call(handler, request.build());
    }

    ApiResult cancel(String id, User user) {
        return stack.call(
                handler,
                ApiEvents.request("POST", "/meetups/{id}/cancel").path("id", id).as(user));
    }
}
