package org.meetups.projections.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.meetups.figures.InvolvementItems;
import org.meetups.seats.RsvpStatus;
import org.meetups.store.Keys;
import org.meetups.store.MeetupCopies;
import org.meetups.stream.StreamImages;
import org.meetups.testing.RsvpBuilder;
import org.meetups.testing.SampleEvents;
import org.meetups.testing.TestStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The stream events in events/projections, read as the Lambda runtime reads them, served by the real handler. */
class SampleEventsTest {
    static final String MEETUP = "01J0000000000000000000MEET";

    static final SampleEvents SAMPLES = SampleEvents.in("projections");

    static DynamodbEvent sample(String name) {
        return SAMPLES.streamEvent(name);
    }

    @Test
    void aMovedMeetupStartsAJobAndAJobStepRewritesItsPageAndAttendanceCounts() {
        TestStack stack = TestStack.create();
        ProjectionsHandler handler = new ProjectionsHandler(
                stack.env(),
                Clock.fixed(Instant.parse("2026-11-03T10:00:01Z"), ZoneOffset.UTC),
                ProjectionsHandler.PAGE_SIZE);
        DynamodbEvent moved = sample("meetup-moved.json");
        stack.put(StreamImages.fromEvent(moved.getRecords().get(0).getDynamodb().getNewImage()));
        Instant before = Instant.parse("2027-03-12T07:00:00Z");
        stack.put(RsvpBuilder.item(
                RsvpBuilder.rsvp(MEETUP, "7c4a8d09-ca37-4b6f-9c1b-2f5e7e4c1a11", RsvpStatus.GOING, before, before)
                        .email("anna.devries@example.com")
                        .name("Anna de Vries")
                        .language("nl")
                        .build()));

        assertEquals(List.of(), handler.handleRequest(moved, null).getBatchItemFailures());
        Map<String, AttributeValue> job = stack.item(Keys.meetupPk(MEETUP), Keys.jobSk("SCHEDULE", 2));
        assertEquals("ROLE", job.get("phase").s(), "a job, starting with the role items");

        assertEquals(
                List.of(),
                handler.handleRequest(sample("copy-job-step.json"), null).getBatchItemFailures());
        Map<String, AttributeValue> rsvp =
                stack.item(Keys.meetupPk(MEETUP), Keys.rsvpSk("7c4a8d09-ca37-4b6f-9c1b-2f5e7e4c1a11"));
        assertEquals("2027-03-19T07:00:00Z", rsvp.get(MeetupCopies.STARTS_AT).s(), "the step's page was rewritten");

        // attendance recorded: the person's month counts it, once however often the record comes
        DynamodbEvent attended = sample("attendance-recorded.json");
        assertEquals(List.of(), handler.handleRequest(attended, null).getBatchItemFailures());
        assertEquals(
                List.of(),
                handler.handleRequest(sample("attendance-recorded.json"), null).getBatchItemFailures());
        Map<String, AttributeValue> month = stack.item(
                InvolvementItems.userPk("7c4a8d09-ca37-4b6f-9c1b-2f5e7e4c1a11"),
                InvolvementItems.monthSk(YearMonth.of(2027, 3)));
        assertEquals("1", month.get("attended").n(), "counted once: " + month);

        assertEquals(
                List.of("attendance-recorded.json", "copy-job-step.json", "meetup-moved.json"),
                SAMPLES.files(),
                "every sample is run");
    }
}
