package org.meetups.people.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.meetups.directory.Profiles;
import org.meetups.testing.ApiEvents;
import org.meetups.testing.ApiResult;
import org.meetups.testing.CallRecorder;
import org.meetups.testing.TestStack;
import org.meetups.testing.TestUsers;
import org.meetups.testing.TestUsers.User;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A person's preferences through the real handler against the emulator, on the profile item other features share. */
class PreferencesApiTest {
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final TestStack stack = TestStack.create();
    static final PeopleHandler handler = new PeopleHandler(stack.env(), Clock.fixed(NOW, ZoneOffset.UTC));

    static ApiResult put(User user, String body) {
        return stack.call(
                handler, ApiEvents.request("PUT", "/me/preferences").json(body).as(user));
    }

    static ApiResult get(User user) {
        return stack.call(handler, ApiEvents.request("GET", "/me/preferences").as(user));
    }

    static Map<String, AttributeValue> profile(String userId) {
        return stack.dynamo()
                .getItem(
                        r -> r.tableName(stack.tableName()).consistentRead(true).key(Profiles.key(userId)))
                .item();
    }

    @Test
    void aPersonSetsChangesAndClearsTheirLanguage() {
        User eva = TestUsers.user("pref-1", "Eva", "eva@example.org", false);
        assertEquals("{\"digest\":true}", get(eva).body());
        ApiResult set = put(eva, "{\"language\": \"nl\"}");
        assertEquals(200, set.status(), set::toString);
        assertEquals("nl", set.json().get("language").asText());
        assertEquals("nl", get(eva).json().get("language").asText());
        assertEquals(
                "en", put(eva, "{\"language\": \"en\"}").json().get("language").asText());
        assertEquals("{\"digest\":true}", put(eva, "{}").body());
        assertEquals("{\"digest\":true}", get(eva).body());
        assertFalse(profile("pref-1").containsKey("language"));
        // another person's preferences are their own
        assertEquals(
                "{\"digest\":true}",
                get(TestUsers.user("pref-2", "Otto", "otto@example.org", false)).body());
    }

    @Test
    void theProfilesOtherAttributesAreNeverOverwritten() {
        String userId = "pref-3";
        // the calendar feed's version, as the links function keeps it on the same item
        stack.dynamo()
                .updateItem(r -> r.tableName(stack.tableName())
                        .key(Profiles.key(userId))
                        .updateExpression("ADD feedVersion :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        User user = TestUsers.user(userId, "Femke", "femke@example.org", false);
        assertEquals(200, get(user).status());
        int mark = CallRecorder.mark();
        assertEquals(200, put(user, "{\"language\": \"nl\"}").status());
        assertEquals(
                List.of("DynamoDb.UpdateItem", "DynamoDb.BatchGetItem"),
                CallRecorder.since(mark),
                "the update, and the answer read back; a known caller costs the directory nothing");
        assertEquals("1", profile(userId).get("feedVersion").n());
        assertEquals(200, put(user, "{}").status());
        assertEquals("1", profile(userId).get("feedVersion").n());
        stack.dynamo()
                .updateItem(r -> r.tableName(stack.tableName())
                        .key(Profiles.key(userId))
                        .updateExpression("ADD feedVersion :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        assertEquals(200, put(user, "{\"language\": \"en\"}").status());
        assertEquals("2", profile(userId).get("feedVersion").n());
        assertEquals("en", profile(userId).get("language").s());
    }

    @Test
    void badPreferencesAre400sAndChangeNothing() {
        User user = TestUsers.user("pref-4", "Bo", "bo@example.org", false);
        put(user, "{\"language\": \"nl\"}");
        for (String bad : List.of(
                "{\"language\": \"de\"}",
                "{\"language\": \"nl-NL\"}",
                "{\"language\": 1}",
                "{\"language\": true}",
                "{\"language\": [\"nl\"]}",
                "{\"lang\": \"en\"}",
                "[]",
                "{",
                "\"nl\"",
                "null")) {
            ApiResult result = put(user, bad);
            assertEquals(400, result.status(), bad + " -> " + result);
            assertTrue(result.header("content-type").startsWith("application/problem+json"));
        }
        assertEquals("nl", get(user).json().get("language").asText());
        assertEquals(401, get(TestUsers.anonymous()).status());
        assertEquals(401, put(TestUsers.anonymous(), "{\"language\": \"nl\"}").status());
    }

    @Test
    void theMailSendersReadTheLanguagesOfABatchOfRecipientsAtOnce() {
        put(TestUsers.user("batch-1", "A", "a@example.org", false), "{\"language\": \"nl\"}");
        put(TestUsers.user("batch-2", "B", "b@example.org", false), "{\"language\": \"en\"}");
        put(TestUsers.user("batch-3", "C", "c@example.org", false), "{}");
        List<String> recipients = new ArrayList<>(List.of("batch-1", "batch-2", "batch-3", "batch-none"));
        for (int i = 0; i < 150; i++) {
            recipients.add("batch-extra-" + i);
        }
        int mark = CallRecorder.mark();
        Map<String, String> languages = new Profiles(stack.table()).preferredLanguages(recipients);
        assertEquals(Map.of("batch-1", "nl", "batch-2", "en"), languages);
        assertEquals(
                List.of("DynamoDb.BatchGetItem", "DynamoDb.BatchGetItem"),
                CallRecorder.since(mark),
                "one BatchGetItem per 100 recipients");
    }
}
