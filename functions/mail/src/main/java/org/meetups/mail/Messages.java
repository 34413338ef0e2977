package org.meetups.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/** The texts of one language, from {@code mail/messages_<lang>.properties} (UTF-8). */
public final class Messages {
    private static final Map<String, Messages> LOADED = new ConcurrentHashMap<>();
    private final Properties texts;

    private Messages(Properties texts) {
        this.texts = texts;
    }

    public static Messages of(String language) {
        return LOADED.computeIfAbsent(language, Messages::load);
    }

    private static Messages load(String language) {
        String resource = "mail/messages_" + language + ".properties";
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no texts for language '" + language + "'");
            }
            Properties texts = new Properties();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new Messages(texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String get(String key) {
        String value = texts.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("missing text '" + key + "'");
        }
        return value;
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }
}
