package org.meetups.roles.handler;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.meetups.domain.RoleNeed;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.SampleEvents.Expect;
import org.meetups.testing.ServedSampleEvents;
import org.meetups.testing.ServedSampleEvents.Served;

/** The files in events/roles, read as the Lambda runtime reads them, served by the real handler in a sensible order. */
class SampleEventsTest extends ServedSampleEvents {
    SampleEventsTest() {
        super(
                "roles",
                () -> new Served(s.stack, s.handler),
                new Expect("list-meetup-roles.json", 200),
                new Expect("add-meetup-role.json", 201),
                new Expect("change-meetup-role.json", 200),
                new Expect("volunteer-for-role.json", 201),
                new Expect("list-my-roles.json", 200),
                new Expect("list-user-roles.json", 200),
                new Expect("withdraw-from-role.json", 204),
                new Expect("assign-role.json", 201),
                new Expect("list-open-roles.json", 200),
                new Expect("unassign-role.json", 204),
                new Expect("remove-meetup-role.json", 204));
    }

    static final String SAMPLE_ID = "01J0000000000000000000MEET";
    static RolesTestSupport s;

    @BeforeAll
    static void start() {
        s = new RolesTestSupport();
        Map<String, RoleNeed> roles = new LinkedHashMap<>();
        roles.put("host", new RoleNeed("Opens and closes", 1, 1, 0, 0));
        roles.put("greeter", new RoleNeed("Welcomes people at the door", 2, 0, 0, 1));
        MeetupBuilder.putItem(
                s.table,
                MeetupBuilder.meetup(SAMPLE_ID, RolesTestSupport.START)
                        .title("Founders breakfast")
                        .venue("Rotterdam")
                        .capacity(40)
                        .roles(roles)
                        .createdBy("coord")
                        .createdAt(RolesTestSupport.NOW)
                        .updatedAt(RolesTestSupport.NOW)
                        .build());
    }
}
