package org.meetups.mail;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mustache templates from the classpath. {@link #html()} escapes every value for HTML;
 * {@link #text()} writes values as they are (plain-text mails, subjects, text snippets).
 */
public final class Templates {
    private static final Templates HTML = new Templates(new DefaultMustacheFactory());
    private static final Templates TEXT = new Templates(new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    });

    private final DefaultMustacheFactory factory;
    private final Map<String, Mustache> snippets = new ConcurrentHashMap<>();

    private Templates(DefaultMustacheFactory factory) {
        this.factory = factory;
    }

    public static Templates html() {
        return HTML;
    }

    public static Templates text() {
        return TEXT;
    }

    /** Renders a template file from the classpath, such as {@code mail/mail.html.mustache}. */
    public String file(String resource, Object scope) {
        return render(factory.compile(resource), scope);
    }

    /** Renders a short template held in a string (a line of a messages file). */
    public String snippet(String template, Object scope) {
        Mustache mustache = snippets.computeIfAbsent(template, t -> factory.compile(new StringReader(t), "snippet"));
        return render(mustache, scope);
    }

    private static String render(Mustache mustache, Object scope) {
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }
}
