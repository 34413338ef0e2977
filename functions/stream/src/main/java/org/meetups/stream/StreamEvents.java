package org.meetups.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.meetups.runtime.json.Json;

/**
 * DynamoDB stream events as the stream functions read them: with the project's mapper (no scalar
 * coercion) rather than the Lambda runtime's POJO serializer, into the event library's
 * {@link DynamodbEvent}. DynamoDB names its fields in upper camel case ({@code Keys}, {@code NewImage},
 * {@code S}, {@code BOOL}), which the event classes' properties match whatever the case; fields Lambda
 * may add to its envelope are ignored.
 */
public final class StreamEvents {
    private static final ObjectMapper MAPPER =
            Json.envelopes(builder -> builder.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .addMixIn(StreamRecord.class, EpochSecondsMixIn.class));
    private static final ObjectReader EVENTS = MAPPER.readerFor(DynamodbEvent.class);
    private static final ObjectWriter RESPONSES = MAPPER.writerFor(StreamsEventResponse.class);

    /** A record as Lambda delivers one, with every kind of attribute value the table holds, read while priming. */
    private static final String SAMPLE = """
            {"Records":[{"eventID":"1","eventName":"MODIFY","eventVersion":"1.1","eventSource":"aws:dynamodb",
             "awsRegion":"eu-west-1","eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/s",
             "userIdentity":{"type":"Service","principalId":"dynamodb.amazonaws.com"},
             "dynamodb":{"ApproximateCreationDateTime":1767225600,"Keys":{"PK":{"S":"PRIMING#"},"SK":{"S":"META"}},
              "NewImage":{"PK":{"S":"PRIMING#"},"SK":{"S":"META"},"n":{"N":"1"},"b":{"BOOL":true},"z":{"NULL":true},
               "m":{"M":{"l":{"L":[{"S":"x"}]}}},"ss":{"SS":["a"]}},
              "OldImage":{"PK":{"S":"PRIMING#"},"SK":{"S":"META"}},
              "SequenceNumber":"1","SizeBytes":1,"StreamViewType":"NEW_AND_OLD_IMAGES"}}]}""";

    private StreamEvents() {}

    /** Reads a sample event, converts its images as the functions do and writes a response: for a SnapStart snapshot. */
    public static void prime() {
        DynamodbEvent event = read(new ByteArrayInputStream(SAMPLE.getBytes(StandardCharsets.UTF_8)));
        StreamRecord change = event.getRecords().get(0).getDynamodb();
        StreamImages.fromEvent(change.getNewImage());
        StreamImages.fromEvent(change.getOldImage());
        write(new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(change.getSequenceNumber()))));
    }

    public static DynamodbEvent read(InputStream input) {
        try {
            return EVENTS.readValue(input);
        } catch (IOException e) {
            throw new UncheckedIOException("not a DynamoDB stream event: " + e.getMessage(), e);
        }
    }

    public static void write(StreamsEventResponse response, OutputStream output) throws IOException {
        RESPONSES.writeValue(output, response);
    }

    public static byte[] write(StreamsEventResponse response) {
        try {
            return RESPONSES.writeValueAsBytes(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event as {@link #read} reads it back (tests replay batches through it). */
    public static String toJson(DynamodbEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ApproximateCreationDateTime} is in epoch seconds (Jackson would take a number for milliseconds). */
    abstract static class EpochSecondsMixIn {
        @JsonDeserialize(using = EpochSeconds.class)
        abstract void setApproximateCreationDateTime(Date time);

        @JsonSerialize(using = ToEpochSeconds.class)
        abstract Date getApproximateCreationDateTime();
    }

    static final class ToEpochSeconds extends StdSerializer<Date> {
        ToEpochSeconds() {
            super(Date.class);
        }

        @Override
        public void serialize(Date value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeNumber(value.toInstant().getEpochSecond());
        }
    }

    static final class EpochSeconds extends StdDeserializer<Date> {
        EpochSeconds() {
            super(Date.class);
        }

        @Override
        public Date deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_NUMBER_INT) && !p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                return (Date) context.handleUnexpectedToken(Date.class, p);
            }
            return Date.from(Instant.ofEpochMilli(Math.round(p.getDoubleValue() * 1000)));
        }
    }
}
