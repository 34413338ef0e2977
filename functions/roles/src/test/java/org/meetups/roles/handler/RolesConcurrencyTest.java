package org.meetups.roles.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.meetups.roles.handler.RolesTestSupport.person;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.meetups.testing.AllAtOnce;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.TestUsers;

/**
 * Races on the client side: threads call the real handler at once; the emulator applies one
 * request at a time, as DynamoDB applies each write atomically.
 */
class RolesConcurrencyTest {
    static RolesTestSupport s;

    @BeforeAll
    static void start() {
        s = new RolesTestSupport();
    }

    @Test
    void twentyVolunteersForThreeSlots() throws Exception {
        String id = s.meetup("greeter:3:1");
        List<Callable<ApiResult>> volunteers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            volunteers.add(() -> s.volunteer(id, "greeter", RolesTestSupport.user(n)));
            // a person's first request in an execution environment also enters them in the directory: not counted below
            s.board(id, RolesTestSupport.user(n));
        }
        int mark = CallRecorder.mark();
        long started = System.nanoTime();
        List<ApiResult> results = AllAtOnce.run(volunteers);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        List<String> calls = CallRecorder.since(mark);

        long holders = results.stream().filter(r -> r.status() == 201).count();
        long refused = results.stream().filter(r -> r.status() == 409).count();
        assertEquals(3, holders, () -> "exactly three hold it: " + results);
        assertEquals(17, refused, () -> "the rest get 409: " + results);
        assertTrue(results.stream()
                .filter(r -> r.status() == 409)
                .allMatch(r -> r.json().get("detail").asText().startsWith("role full")));
        assertEquals(3, s.recount(id, "greeter"));
        assertEquals(3, s.stored(id).roles().get("greeter").filled());
        s.assertCountsMatchItems(id);
        System.out.printf(
                "roles concurrency: 20 volunteers for 3 slots -> holders=%d refusals=%d elapsedMs=%d"
                        + " dynamoDbCalls=%d (%.2f per volunteer: %d GetItem, %d TransactWriteItems)%n",
                holders,
                refused,
                elapsedMs,
                calls.size(),
                calls.size() / 20.0,
                calls.stream().filter("DynamoDb.GetItem"::equals).count(),
                calls.stream().filter("DynamoDb.TransactWriteItems"::equals).count());
    }

    @RepeatedTest(5)
    void coordinatorAndVolunteerRaceForTheLastSlot() throws Exception {
        String id = s.meetup("host:2:1");
        assertEquals(
                201,
                s.volunteer(id, "host", TestUsers.user("early", "Early Bird", "early@example.org", false))
                        .status());
        List<ApiResult> results = AllAtOnce.run(List.of(
                () -> s.assign(id, "host", "emp-7", person("Sanne", "sanne@example.org"), TestUsers.coordinator()),
                () -> s.volunteer(id, "host", TestUsers.employee())));
        long winners = results.stream().filter(r -> r.status() == 201).count();
        long losers = results.stream().filter(r -> r.status() == 409).count();
        assertEquals(1, winners, results::toString);
        assertEquals(1, losers, results::toString);
        assertTrue(
                results.stream()
                        .filter(r -> r.status() == 409)
                        .allMatch(r -> r.json().get("detail").asText().startsWith("role full")),
                results::toString);
        assertEquals(2, s.recount(id, "host"));
        s.assertCountsMatchItems(id);
    }

    @Test
    void onePersonRacingForTwoRolesGetsOne() throws Exception {
        String id = s.meetup("host:1:0", "greeter:1:0", "speaker:1:0", "photographer:1:0");
        List<ApiResult> results = AllAtOnce.run(List.of(
                () -> s.volunteer(id, "host", TestUsers.employee()),
                () -> s.volunteer(id, "greeter", TestUsers.employee()),
                () -> s.volunteer(id, "speaker", TestUsers.employee()),
                () -> s.assign(
                        id, "photographer", "emp-1", person("Eva", "eva@example.org"), TestUsers.coordinator())));
        assertEquals(1, results.stream().filter(r -> r.status() == 201).count(), results::toString);
        assertEquals(3, results.stream().filter(r -> r.status() == 409).count(), results::toString);
        assertTrue(
                results.stream()
                        .filter(r -> r.status() == 409)
                        .allMatch(r -> r.json().get("type").asText().endsWith("already-holds-a-role")),
                results::toString);
        s.assertCountsMatchItems(id);
    }

    @Test
    void volunteeringAndWithdrawingAtOnceKeepsCountsEqualToItems() throws Exception {
        String id = s.meetup("greeter:5:0");
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    201,
                    s.volunteer(id, "greeter", RolesTestSupport.user(100 + i)).status());
        }
        List<Callable<ApiResult>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            tasks.add(() -> s.withdraw(id, "greeter", RolesTestSupport.user(100 + n)));
            tasks.add(() -> s.volunteer(id, "greeter", RolesTestSupport.user(200 + n)));
        }
        List<ApiResult> results = AllAtOnce.run(tasks);
        long joined = 0;
        for (int i = 0; i < results.size(); i++) {
            ApiResult result = results.get(i);
            if (i % 2 == 0) {
                assertEquals(204, result.status(), () -> "every holder withdraws: " + result);
            } else if (result.status() == 201) {
                joined++;
            } else {
                assertEquals(409, result.status(), result::toString);
                assertTrue(result.json().get("detail").asText().startsWith("role full"), result::toString);
            }
        }
        int held = s.recount(id, "greeter");
        assertTrue(held <= 5, "never more than the slots: " + held);
        assertEquals(joined, held, () -> "the holders are exactly the newcomers answered 201: " + results);
        s.assertCountsMatchItems(id);
    }
}
