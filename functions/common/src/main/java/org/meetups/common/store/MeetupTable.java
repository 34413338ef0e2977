package org.meetups.common.store;

import java.util.Optional;
import org.meetups.common.domain.Meetup;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The single table, as every function sees it: the low-level client for expressions, the enhanced one for items. */
public final class MeetupTable {
    private final DynamoDbClient client;
    private final String name;
    private final DynamoDbTable<Meetup> meetups;

    public MeetupTable(DynamoDbClient client, String name) {
        this.client = client;
        this.name = name;
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.meetups = enhanced.table(name, MeetupSchema.MEETUP);
    }

    public DynamoDbClient client() {
        return client;
    }

    public String name() {
        return name;
    }

    public DynamoDbTable<Meetup> meetups() {
        return meetups;
    }

    public static Key meetupKey(String meetupId) {
        return Key.builder().partitionValue(Keys.meetupPk(meetupId)).sortValue(Keys.META).build();
    }

    /** A strongly consistent read: callers decide on counts and versions from it. */
    public Optional<Meetup> findMeetup(String meetupId) {
        return Optional.ofNullable(meetups.getItem(GetItemEnhancedRequest.builder()
                .key(meetupKey(meetupId)).consistentRead(true).build()));
    }
}
