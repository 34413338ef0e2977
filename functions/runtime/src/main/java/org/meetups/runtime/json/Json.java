package org.meetups.runtime.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.temporal.Temporal;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The project's JSON mapper: strict on input (unknown fields are errors, and no scalar is ever
 * coerced: a string field takes only a JSON string, a whole-number field only a JSON integer, a
 * boolean only true or false, a date-time only an ISO-8601 string), ISO-8601 dates on output.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("iso-text-dates").setDeserializerModifier(new IsoTextDates()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // "" is not an absent number, list or object
            .withCoercionConfigDefaults(config -> config.setAcceptBlankAsEmpty(false)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(
                    LogicalType.Textual,
                    refusing(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean))
            .withCoercionConfig(
                    LogicalType.Integer,
                    refusing(CoercionInputShape.Float, CoercionInputShape.String, CoercionInputShape.Boolean))
            .withCoercionConfig(LogicalType.Float, refusing(CoercionInputShape.String, CoercionInputShape.Boolean))
            .withCoercionConfig(
                    LogicalType.Boolean,
                    refusing(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.String))
            .withCoercionConfig(LogicalType.Enum, refusing(CoercionInputShape.Integer))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxStringLength(100_000)
                        .build());
    }

    private Json() {}

    /** A coercion config that fails on each of these input shapes. */
    private static Consumer<MutableCoercionConfig> refusing(CoercionInputShape... shapes) {
        return config -> {
            for (CoercionInputShape shape : shapes) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        };
    }

    /**
     * java.time values only from JSON strings: the JSR-310 deserializers would otherwise read a
     * number as epoch seconds, a coercion the coercion settings above do not reach.
     */
    private static final class IsoTextDates extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(
                DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
            return Temporal.class.isAssignableFrom(description.getBeanClass())
                    ? new TextOnly(deserializer)
                    : deserializer;
        }
    }

    private static final class TextOnly extends DelegatingDeserializer {
        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), p);
            }
            return super.deserialize(p, context);
        }
    }

    /**
     * A copy of the mapper for Lambda's event envelopes, with {@code settings} of its own: as strict, but
     * with strings as long as Lambda's 6 MB invocation payload, since an envelope carries a request body
     * or an item image as one string (the body is then read with this mapper's own limits).
     */
    public static ObjectMapper envelopes(UnaryOperator<JsonMapper.Builder> settings) {
        ObjectMapper mapper = settings.apply(((JsonMapper) MAPPER).rebuild()).build();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength(6 * 1024 * 1024)
                        .build());
        return mapper;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads JSON this system wrote itself (a stored document): unreadable is a bug, not bad input. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
