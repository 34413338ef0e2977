package org.meetups.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.meetups.local.HttpGateway.Reply;

/** The local-only endpoints under /_local/: index, tokens, JWKS, schedules, sent emails, metrics. */
final class LocalPages {
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";

    private LocalPages() {}

    static Reply serve(HttpGateway gateway, String method, String path, Map<String, String> query, byte[] body) {
        String rest = path.replaceFirst("^/_local/?", "");
        if (rest.isEmpty() && method.equals("GET")) {
            return HttpGateway.page(200, HTML, index(gateway), null);
        }
        if (rest.equals("token") && (method.equals("GET") || method.equals("POST"))) {
            String user = query.getOrDefault("user", "eva").strip();
            if (!user.matches("[A-Za-z0-9._-]{1,64}")) {
                return HttpGateway.page(
                        400, "text/plain", "user must be 1-64 letters, digits, '.', '_' or '-'\n", null);
            }
            long ttl;
            try {
                ttl = Long.parseLong(query.getOrDefault("ttl", "3600"));
            } catch (NumberFormatException e) {
                return HttpGateway.page(
                        400, "text/plain", "ttl is a number of seconds (negative: already expired)\n", null);
            }
            LocalIssuer.LocalUser localUser;
            try {
                localUser = gateway.users().get(user, query);
            } catch (IllegalArgumentException e) {
                return HttpGateway.page(400, "text/plain", e.getMessage() + "\n", null);
            }
            return HttpGateway.page(
                    200,
                    "text/plain",
                    gateway.issuer().mint(localUser, Duration.ofSeconds(ttl)) + "\n",
                    "token for " + user + " " + localUser.groups());
        }
        if (rest.equals("jwks.json")) {
            return HttpGateway.page(200, JSON, gateway.issuer().jwks(), null);
        }
        Reply record = method.equals("GET") ? record(gateway.backend(), rest) : null;
        if (record != null) {
            return record;
        }
        if (rest.startsWith("schedules/") && method.equals("POST")) {
            String id = rest.substring("schedules/".length());
            Schedules schedules = gateway.backend().schedules();
            Optional<Schedules.Schedule> schedule = schedules.find(id);
            if (schedule.isEmpty()) {
                return HttpGateway.page(404, "text/plain", "no schedule " + id + "; see /_local/\n", null);
            }
            try {
                String result = schedules.fire(schedule.get(), Instant.now(), "triggered by hand");
                return HttpGateway.page(200, JSON, result, "fired " + id);
            } catch (LambdaFunction.FunctionError e) {
                return HttpGateway.page(502, "text/plain", e.getMessage() + "\n", "fired " + id + ": function error");
            }
        }
        return HttpGateway.page(404, "text/plain", "nothing here; see /_local/\n", null);
    }

    /** What the stack did, read-only: the mails it sent and the metrics it put, as a page or as JSON; null for none. */
    private static Reply record(HttpGateway.Backend backend, String rest) {
        return switch (rest) {
            case "mails" -> HttpGateway.page(200, HTML, mails(backend.mailBox()), null);
            case "mails.json" ->
                HttpGateway.page(200, JSON, backend.mailBox().json().toString(), null);
            case "metrics" -> HttpGateway.page(200, HTML, metrics(backend.metrics()), null);
            case "metrics.json" ->
                HttpGateway.page(200, JSON, backend.metrics().json().toString(), null);
            default -> null;
        };
    }

    private static String index(HttpGateway gateway) {
        StringBuilder html = document(
                "meetups local",
                "60em",
                "code{background:#eee;padding:0 .2em}td{padding:.2em .6em;border-bottom:1px solid #ddd}");
        html.append("<h1>Meetups, running locally</h1>");
        html.append("<p><a href=\"/_local/mails\">Sent emails</a> (<a href=\"/_local/mails.json\">JSON</a>) &middot; "
                + "<a href=\"/_local/metrics\">Metrics</a> (<a href=\"/_local/metrics.json\">JSON</a>) &middot; "
                + "<a href=\"/_local/jwks.json\">JWKS</a></p>");
        html.append("<h2>Routes (from template.yaml)</h2><table>");
        for (HttpRoute r : gateway.routes()) {
            html.append(row(
                    td("<code>" + esc(r.routeKey()) + "</code>"),
                    td(esc(r.function())),
                    td(r.authorized() ? "JWT" : "open")));
        }
        html.append("</table><h2>Users</h2><p>Token: <code>curl -s '")
                .append(gateway.url())
                .append(
                        "/_local/token?user=carla'</code> (any name; <code>role=coordinator</code> or <code>manager</code>, <code>name</code>, "
                                + "<code>email</code>, <code>department</code>, <code>language</code>, <code>ttl</code> override)</p><table>");
        gateway.users()
                .known()
                .values()
                .forEach(u -> html.append(row(
                        td("<a href=\"/_local/token?user=" + esc(u.sub()) + "\">" + esc(u.sub()) + "</a>"),
                        texts(u.name(), u.email(), u.department(), u.language(), String.join(" ", u.groups())))));
        html.append("</table><h2>Schedules</h2><table>");
        Schedules schedules = gateway.backend().schedules();
        for (Schedules.Schedule s : schedules.all()) {
            html.append(row(
                    td("<code>" + esc(s.id()) + "</code>"),
                    td(esc(s.expression()) + " " + esc(s.zone().getId())),
                    td("next: " + schedules.next(s).map(Instant::toString).orElse("never")),
                    td("<form method=post action=\"/_local/schedules/" + esc(s.id())
                            + "\"><button>fire now</button></form>")));
        }
        if (schedules.all().isEmpty()) {
            html.append("<tr><td>none declared yet</td></tr>");
        }
        return html.append("</table>").toString();
    }

    private static String mails(MailBox box) {
        StringBuilder html = document(
                "sent emails",
                "70em",
                "article{border:1px solid #ccc;margin:1em 0;padding:.5em 1em}"
                        + "iframe{width:100%;height:24em;border:1px solid #eee}pre{white-space:pre-wrap}");
        html.append(
                "<h1>Sent emails</h1><p><a href=\"/_local/\">back</a> &middot; newest last &middot; reload to refresh</p>");
        var all = box.mails();
        if (all.isEmpty()) {
            html.append("<p>No email sent yet.</p>");
        }
        for (MailBox.Mail m : all) {
            html.append("<article><p><b>")
                    .append(esc(m.subject()))
                    .append("</b><br>from ")
                    .append(esc(m.from()))
                    .append("<br>to ")
                    .append(esc(m.to()));
            if (m.kind() != null) {
                html.append("<br>kind ")
                        .append(esc(m.kind()))
                        .append(", language ")
                        .append(esc(m.language()));
            }
            html.append("</p>");
            if (m.html() != null) {
                // sandboxed: the mail's HTML is shown as a mail client would, without scripts
                html.append("<iframe sandbox srcdoc=\"").append(esc(m.html())).append("\"></iframe>");
            }
            if (m.text() != null) {
                html.append("<pre>").append(esc(m.text())).append("</pre>");
            }
            if (!m.attachments().isEmpty()) {
                html.append("<p>attachments: ")
                        .append(esc(String.join(
                                ", ",
                                m.attachments().stream()
                                        .map(MailBox.Attachment::toString)
                                        .toList())))
                        .append("</p>");
            }
            html.append("</article>");
        }
        return html.toString();
    }

    private static String metrics(Metrics metrics) {
        StringBuilder html = document(
                "metrics",
                "80em",
                "td,th{padding:.2em .6em;border-bottom:1px solid #ddd;text-align:left}td.n{text-align:right}");
        html.append("<h1>Metrics the functions emitted</h1><p><a href=\"/_local/\">back</a> &middot; "
                + "<a href=\"/_local/metrics.json\">JSON</a> &middot; reload to refresh; CloudWatch embedded metric "
                + "format read from the functions' output</p><table><tr><th>namespace</th><th>metric</th><th>dimensions</th>"
                + "<th>unit</th><th>samples</th><th>sum</th><th>min</th><th>max</th><th>last</th><th>from</th></tr>");
        var all = metrics.json();
        if (all.isEmpty()) {
            html.append("<tr><td colspan=10>No metric emitted yet.</td></tr>");
        }
        all.forEach(m -> {
            StringBuilder dimensions = new StringBuilder();
            m.path("dimensions")
                    .properties()
                    .forEach(d -> dimensions
                            .append(dimensions.isEmpty() ? "" : ", ")
                            .append(d.getKey())
                            .append('=')
                            .append(d.getValue().asText()));
            List<String> functions = new ArrayList<>();
            m.path("functions").forEach(f -> functions.add(f.asText()));
            html.append(row(
                    texts(
                            m.path("namespace").asText(),
                            m.path("name").asText(),
                            dimensions.toString(),
                            m.path("unit").asText("")),
                    numbers(
                            Long.toString(m.path("samples").asLong()),
                            Metrics.number(m.path("sum").asDouble()),
                            Metrics.number(m.path("min").asDouble()),
                            Metrics.number(m.path("max").asDouble())),
                    texts(m.path("last").asText(), String.join(", ", functions))));
        });
        return html.append("</table>").toString();
    }

    /** The start of a page: its title, and its style after the body's (sans-serif, centred, this wide at most). */
    private static StringBuilder document(String title, String maxWidth, String style) {
        return new StringBuilder("<!doctype html><meta charset=utf-8><title>")
                .append(title)
                .append("</title><style>body{font-family:sans-serif;max-width:")
                .append(maxWidth)
                .append(";margin:2em auto}")
                .append(style)
                .append("</style>");
    }

    /** A table row of cells ({@link #td}, {@link #texts}, {@link #numbers}). */
    private static String row(String... cells) {
        return "<tr>" + String.join("", cells) + "</tr>";
    }

    /** A cell of HTML (text in it already escaped). */
    private static String td(String html) {
        return "<td>" + html + "</td>";
    }

    /** Cells of text, escaped. */
    private static String texts(String... texts) {
        StringBuilder cells = new StringBuilder();
        for (String text : texts) {
            cells.append(td(esc(text)));
        }
        return cells.toString();
    }

    /** Cells of figures, right-aligned. */
    private static String numbers(String... figures) {
        StringBuilder cells = new StringBuilder();
        for (String figure : figures) {
            cells.append("<td class=n>").append(figure).append("</td>");
        }
        return cells.toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
