package org.meetups.roles.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.domain.MeetupKind;
import org.meetups.domain.MeetupStatus;
import org.meetups.domain.RoleNeed;
import org.meetups.emulator.ProjectFiles;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;

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
                .putItem(new Meetup(
                        SAMPLE_ID,
                        "Founders breakfast",
                        null,
                        MeetupKind.COMMUNITY_MEETUP,
                        "en",
                        RolesTestSupport.START,
                        RolesTestSupport.START.plusSeconds(7200),
                        "Europe/Amsterdam",
                        "Rotterdam",
                        null,
                        40,
                        RolesTestSupport.START,
                        roles,
                        false,
                        MeetupStatus.SCHEDULED,
                        0,
                        0,
                        0,
                        1,
                        "coord",
                        RolesTestSupport.NOW,
                        RolesTestSupport.NOW));
    }

    static APIGatewayV2HTTPEvent event(String name) {
        return ApiEvents.read(ProjectFiles.resolve("events/roles").resolve(name));
    }

    @Test
    void everySampleEventIsServed() {
        record Expect(String file, int status) {}
        for (Expect e : List.of(
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
                new Expect("remove-meetup-role.json", 204))) {
            ApiResult result = s.stack.call(s.handler, event(e.file()));
            assertEquals(e.status(), result.status(), () -> e.file() + ": " + result);
        }
    }

    @Test
    void everyRouteHasASampleEvent() {
        List<String> sampleRoutes = Arrays.stream(
                        ProjectFiles.resolve("events/roles").toFile().listFiles((d, n) -> n.endsWith(".json")))
                .map(f -> ApiEvents.read(Path.of(f.getPath())).getRouteKey())
                .sorted()
                .toList();
        assertEquals(s.handler.routes().keySet().stream().sorted().toList(), sampleRoutes);
    }
}
