package org.meetups.roles.handler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.domain.RoleNeed;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.SampleEvents;

/** The files in events/roles, read as the Lambda runtime reads them, served by the real handler in a sensible order. */
class SampleEventsTest {
    static final String SAMPLE_ID = "01J0000000000000000000MEET";
    static RolesTestSupport s;

    @BeforeAll
    static void start() {
        s = new RolesTestSupport();
        Map<String, RoleNeed> roles = new LinkedHashMap<>();
        roles.put("host", new RoleNeed("Opens and closes", 1, 1, 0, 0));
        roles.put("greeter", new RoleNeed("Welcomes people at the door", 2, 0, 0, 1));
        s.table
                .meetups()
                .putItem(MeetupBuilder.meetup(SAMPLE_ID, RolesTestSupport.START)
                        .title("Founders breakfast", null)
                        .venue("Rotterdam")
                        .capacity(40)
                        .roles(roles)
                        .created("coord", RolesTestSupport.NOW)
                        .build());
    }

    static final SampleEvents EVENTS = SampleEvents.in("roles");

    @Test
    void everySampleEventIsServed() {
        EVENTS.assertServed(
                s.stack,
                s.handler,
                List.of(
                        new SampleEvents.Expect("list-meetup-roles.json", 200),
                        new SampleEvents.Expect("add-meetup-role.json", 201),
                        new SampleEvents.Expect("change-meetup-role.json", 200),
                        new SampleEvents.Expect("volunteer-for-role.json", 201),
                        new SampleEvents.Expect("list-my-roles.json", 200),
                        new SampleEvents.Expect("list-user-roles.json", 200),
                        new SampleEvents.Expect("withdraw-from-role.json", 204),
                        new SampleEvents.Expect("assign-role.json", 201),
                        new SampleEvents.Expect("list-open-roles.json", 200),
                        new SampleEvents.Expect("unassign-role.json", 204),
                        new SampleEvents.Expect("remove-meetup-role.json", 204)));
    }

    @Test
    void everyRouteHasASampleEvent() {
        EVENTS.assertEveryRouteHasOne(s.handler);
    }
}
