package org.meetups.links.handler;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.meetups.domain.MeetupStatus;
import org.meetups.store.Keys;
import org.meetups.testing.ServedSampleEvents;
import org.meetups.testing.ServedSampleEvents.Served;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The files in events/links (tokens signed with the test secret), served by the real handler in their order. */
class SampleEventsTest extends ServedSampleEvents {
    SampleEventsTest() {
        super("links", () -> new Served(s.stack, s.handler));
    }

    static final String SAMPLE_ID = "01J0000000000000000000MEET";
    static final String SAMPLE_USER = "7c4a8d09-ca37-4b6f-9c1b-2f5e7e4c1a11";
    static LinksTestSupport s;

    @BeforeAll
    static void start() {
        s = new LinksTestSupport();
        s.meetup(SAMPLE_ID, LinksTestSupport.START, MeetupStatus.SCHEDULED, 0);
        s.holdRole(SAMPLE_ID, "host", SAMPLE_USER);
        s.put(Map.of(
                "PK",
                AttributeValue.fromS(Keys.userPk(SAMPLE_USER)),
                "SK",
                AttributeValue.fromS(Keys.PROFILE),
                "feedVersion",
                AttributeValue.fromN("1")));
    }
}
