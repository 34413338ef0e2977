package org.meetups.roles.handler;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.meetups.domain.RoleNeed;
import org.meetups.testing.MeetupBuilder;
import org.meetups.testing.ServedSampleEvents;
import org.meetups.testing.ServedSampleEvents.Served;

/** The files in events/roles, read as the Lambda runtime reads them, served by the real handler in their order. */
class SampleEventsTest extends ServedSampleEvents {
    SampleEventsTest() {
        super("roles", () -> new Served(s.stack, s.handler));
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
