package org.meetups.rsvp.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.meetups.domain.Meetup;
import org.meetups.testing.AllAtOnce;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;

/**
 * The invariants under concurrency, against the emulator (which applies one request at a time, as
 * DynamoDB applies each write): concurrency is on the client side, threads calling the handler.
 */
class RsvpConcurrencyTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Instant START = Instant.parse("2026-12-10T07:00:00Z");
    static final TestStack stack = TestStack.create();
    static final RsvpHandler handler = Fixtures.handlerAt(stack, NOW);

    static void assertCountersMatchItems(String id) {
        Meetup meetup = Fixtures.read(stack, id);
        Fixtures.Recount recount = Fixtures.recount(stack, id);
        assertEquals(recount.going(), meetup.goingCount(), "goingCount equals the GOING items");
        assertEquals(recount.waitlisted(), meetup.waitlistCount(), "waitlistCount equals the WAITLISTED items");
        assertTrue(meetup.goingCount() <= meetup.capacity());
        assertEquals(
                recount.waitlisted(),
                Fixtures.waitlistIndex(stack, id).size(),
                "the waitlist index holds exactly the waiting");
    }

    /** {@code count} people with ids {@code idFormat} (numbered from 1) and addresses {@code mailPrefix}N@example.org. */
    static List<User> people(int count, String idFormat, String mailPrefix) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i ->
                        TestUsers.user(idFormat.formatted(i), "Person " + i, mailPrefix + i + "@example.org", false))
                .toList();
    }

    /** Each of {@code people} sends one request at the same moment; the answers in the people's order. */
    static List<ApiResult> allAtOnce(List<User> people, Function<User, ApiResult> request) throws Exception {
        return AllAtOnce.run(people.stream()
                .<Callable<ApiResult>>map(p -> () -> request.apply(p))
                .toList());
    }

    @Test
    void twoHundredPeopleForFiftySeatsThenTwentyCancellations() throws Exception {
        String id = Fixtures.store(stack, Fixtures.meetup(50, START, START));
        List<User> people = people(200, "u-%03d", "p");

        int mark = CallRecorder.mark();
        long started = System.nanoTime();
        List<ApiResult> results = allAtOnce(people, p -> Fixtures.rsvp(stack, handler, id, p));
        long rsvpMillis = (System.nanoTime() - started) / 1_000_000;
        List<String> rsvpCalls = CallRecorder.since(mark);

        System.out.printf(
                "[rsvp-concurrency] 200 RSVPs: %d ms, %d DynamoDB calls %s%n",
                rsvpMillis, rsvpCalls.size(), histogram(rsvpCalls));
        results.forEach(r -> assertEquals(200, r.status(), r::toString));
        Map<String, List<ApiResult>> byStatus = results.stream()
                .collect(Collectors.groupingBy(r -> r.json().get("status").asText()));
        assertEquals(50, byStatus.get("GOING").size());
        assertEquals(150, byStatus.get("WAITLISTED").size());
        Map<String, Long> tickets = Fixtures.recount(stack, id).positionsByUser();
        Set<Long> positions = new TreeSet<>(tickets.values());
        assertEquals(
                LongStream.rangeClosed(1, 150).boxed().collect(Collectors.toCollection(TreeSet::new)),
                positions,
                "tickets 1..150, each used once");
        for (int i = 0; i < people.size(); i++) {
            JsonNode answer = results.get(i).json();
            if (answer.get("status").asText().equals("WAITLISTED")) {
                long place = answer.get("position").asLong();
                long ticket = tickets.get(people.get(i).sub());
                assertTrue(place >= 1 && place <= ticket, "a place counts only people with earlier tickets: " + answer);
            }
        }
        assertCountersMatchItems(id);
        Meetup full = Fixtures.read(stack, id);
        assertEquals(50, full.goingCount());
        assertEquals(150, full.waitlistCount());
        assertEquals(150, full.waitlistSequence());

        // 20 people going cancel at once: exactly the first 20 waiting are promoted, in order
        Map<String, Long> positionBefore = Fixtures.recount(stack, id).positionsByUser();
        List<User> going = people.stream()
                .filter(p -> results.get(people.indexOf(p))
                        .json()
                        .get("status")
                        .asText()
                        .equals("GOING"))
                .limit(20)
                .toList();
        mark = CallRecorder.mark();
        started = System.nanoTime();
        List<ApiResult> cancels = allAtOnce(going, p -> Fixtures.cancel(stack, handler, id, p));
        long cancelMillis = (System.nanoTime() - started) / 1_000_000;
        List<String> cancelCalls = CallRecorder.since(mark);

        cancels.forEach(r -> assertEquals(200, r.status(), r::toString));
        cancels.forEach(r -> assertEquals("CANCELLED", r.json().get("status").asText(), r::toString));
        Fixtures.Recount after = Fixtures.recount(stack, id);
        assertEquals(50, after.going());
        assertEquals(130, after.waitlisted());
        assertEquals(20, after.cancelled());
        Set<Long> promoted = new TreeSet<>();
        positionBefore.forEach((user, position) -> {
            if (!after.positionsByUser().containsKey(user)) {
                promoted.add(position);
            }
        });
        assertEquals(
                LongStream.rangeClosed(1, 20).boxed().collect(Collectors.toCollection(TreeSet::new)),
                promoted,
                "the first 20 in the waitlist were promoted");
        assertEquals(
                LongStream.rangeClosed(21, 150).boxed().collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(after.positionsByUser().values()));
        assertCountersMatchItems(id);
        // once things settle, people still waiting read their live place: 1..130 in ticket order (every ninth checked)
        List<User> stillWaiting = people.stream()
                .filter(p -> after.positionsByUser().containsKey(p.sub()))
                .sorted(Comparator.comparing(p -> after.positionsByUser().get(p.sub())))
                .toList();
        List<Integer> places = IntStream.concat(
                        IntStream.iterate(1, p -> p < stillWaiting.size(), p -> p + 9),
                        IntStream.of(stillWaiting.size()))
                .boxed()
                .toList();
        for (int place : places) {
            ApiResult mine = Fixtures.mine(stack, handler, id, stillWaiting.get(place - 1));
            assertEquals(place, mine.json().get("position").asInt(), mine::toString);
        }

        System.out.println("""
                [rsvp-concurrency] 200 concurrent RSVPs for 50 seats: %d GOING, %d WAITLISTED (positions 1..%d), %d ms
                [rsvp-concurrency]   DynamoDB calls: %d (%.2f per RSVP) %s
                [rsvp-concurrency]   transactions beyond one per RSVP (re-decisions after a failed condition or a conflict): %d
                [rsvp-concurrency] 20 concurrent cancellations by going people: %d promoted in waitlist order, %d ms
                [rsvp-concurrency]   DynamoDB calls: %d (%.2f per cancellation) %s
                [rsvp-concurrency]   transactions beyond one per cancellation: %d
                [rsvp-concurrency] counters equal a recount of the items: going %d, waitlisted %d""".formatted(
                        byStatus.get("GOING").size(),
                        byStatus.get("WAITLISTED").size(),
                        positions.size(),
                        rsvpMillis,
                        rsvpCalls.size(),
                        rsvpCalls.size() / 200.0,
                        histogram(rsvpCalls),
                        transactions(rsvpCalls) - 200,
                        promoted.size(),
                        cancelMillis,
                        cancelCalls.size(),
                        cancelCalls.size() / 20.0,
                        histogram(cancelCalls),
                        transactions(cancelCalls) - 20,
                        after.going(),
                        after.waitlisted()));
    }

    static long transactions(List<String> calls) {
        return calls.stream().filter(c -> c.endsWith(".TransactWriteItems")).count();
    }

    static Map<String, Long> histogram(List<String> calls) {
        return calls.stream()
                .collect(Collectors.groupingBy(c -> c.replace("DynamoDb.", ""), TreeMap::new, Collectors.counting()));
    }

    @Test
    void theSameRequestTwiceAtOnceMakesOneRsvp() throws Exception {
        String id = Fixtures.store(stack, Fixtures.meetup(5, START, START));
        User eva = TestUsers.employee();
        List<ApiResult> results = AllAtOnce.run(List.<Callable<ApiResult>>of(
                () -> Fixtures.rsvp(stack, handler, id, eva), () -> Fixtures.rsvp(stack, handler, id, eva),
                () -> Fixtures.rsvp(stack, handler, id, eva), () -> Fixtures.rsvp(stack, handler, id, eva)));
        results.forEach(r -> assertEquals(200, r.status(), r::toString));
        results.forEach(r -> assertEquals("GOING", r.json().get("status").asText()));
        assertEquals(1, Fixtures.read(stack, id).goingCount());
        assertEquals(1, Fixtures.recount(stack, id).going());

        List<ApiResult> cancels = AllAtOnce.run(List.<Callable<ApiResult>>of(
                () -> Fixtures.cancel(stack, handler, id, eva),
                () -> Fixtures.cancel(stack, handler, id, eva),
                () -> Fixtures.cancel(stack, handler, id, eva)));
        cancels.forEach(r -> assertEquals(200, r.status(), r::toString));
        cancels.forEach(r -> assertEquals("CANCELLED", r.json().get("status").asText(), r::toString));
        assertEquals(0, Fixtures.read(stack, id).goingCount());
        assertCountersMatchItems(id);
    }

    @Test
    void theLastSeatGoesToExactlyOneOfManyAndTheRestWaitInOrder() throws Exception {
        String id = Fixtures.store(stack, Fixtures.meetup(1, START, START));
        List<User> people = people(30, "last-%02d", "l");
        List<ApiResult> results = allAtOnce(people, p -> Fixtures.rsvp(stack, handler, id, p));
        results.forEach(r -> assertEquals(200, r.status(), r::toString));
        assertEquals(
                1,
                results.stream()
                        .filter(r -> r.json().get("status").asText().equals("GOING"))
                        .count());
        List<Long> places = results.stream()
                .filter(r -> r.json().get("status").asText().equals("WAITLISTED"))
                .map(r -> r.json().get("position").asLong())
                .toList();
        assertEquals(29, places.size(), results::toString);
        assertTrue(places.stream().allMatch(p -> p >= 1 && p <= 29), places::toString);
        assertCountersMatchItems(id);
    }
}
