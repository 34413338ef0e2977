package org.meetups.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.emulator.CfnTemplate;
import org.meetups.emulator.ProjectFiles;

/** Reading template.yaml as CloudFormation does, matching routes as API Gateway does, reading sent MIME. */
@Tag("unit")
class TemplateReadingTest {
    private final CfnTemplate template = CfnTemplate.load(
                    ProjectFiles.resolve("template.yaml"),
                    id -> "local-" + id,
                    (id, attribute) -> "arn:" + id + "." + attribute)
            .pseudoParameters("eu-west-1", "000000000000", "meetups")
            .parameter("JwtIssuer", LocalIssuer.ISSUER)
            .parameter("JwtAudience", LocalIssuer.AUDIENCE);

    @Test
    void referencesResolveToWhatTheyNameLocallyAndGlobalsApply() {
        JsonNode function = template.resources("AWS::Serverless::Function").get("MeetupsFunction");
        JsonNode variables = template.evaluate(
                template.functionProperty(function, "Environment").path("Variables"));
        assertEquals("local-MeetupsTable", variables.path("TABLE_NAME").asText());
        assertEquals("cognito:groups", variables.path("GROUP_CLAIM").asText());
        assertTrue(variables.has("JAVA_TOOL_OPTIONS"), "Globals' variables are merged in");
        assertEquals("java21", template.resolve(template.functionProperty(function, "Runtime")));
        JsonNode jwt = template.evaluate(template.root()
                .path("Resources")
                .path("MeetupsApi")
                .path("Properties")
                .path("Auth")
                .path("Authorizers")
                .path("JwtAuthorizer")
                .path("JwtConfiguration"));
        assertEquals(
                LocalIssuer.ISSUER,
                jwt.path("issuer").asText(),
                "the local issuer replaces Cognito (!If on UseCognito)");
        assertEquals(LocalIssuer.AUDIENCE, jwt.path("audience").get(0).asText());
    }

    @Test
    void routesMatchLiteralsBeforeVariablesBeforeGreedyPaths() {
        List<HttpRoute> routes = List.of(
                new HttpRoute("GET", "/meetups/{id}", "Get", true, List.of()),
                new HttpRoute("GET", "/meetups/mine", "Mine", true, List.of()),
                new HttpRoute("ANY", "/meetups/{proxy+}", "Any", true, List.of()),
                new HttpRoute("POST", "/meetups/{id}/cancel", "Cancel", true, List.of()));
        assertEquals("Mine", find(routes, "GET", "/meetups/mine").route().function());
        HttpRoute.Match get = find(routes, "GET", "/meetups/a%20b");
        assertEquals("Get", get.route().function());
        assertEquals(Map.of("id", "a b"), get.pathParameters());
        assertEquals(
                "Cancel", find(routes, "POST", "/meetups/42/cancel").route().function());
        HttpRoute.Match greedy = find(routes, "DELETE", "/meetups/42/cancel");
        assertEquals(Map.of("proxy", "42/cancel"), greedy.pathParameters());
        assertTrue(HttpRoute.find(routes, "GET", HttpRoute.segments("/meetups")).isEmpty());
        assertEquals(Map.of("a", "1,2", "b", "x y"), HttpGateway.query("a=1&a=2&b=x+y"));
    }

    @Test
    // a MIME message's lines end in CRLF: spelled out, not left to a text block's line ends
    @SuppressWarnings("StringConcatToTextBlock")
    void rawMimeMailsShowTheirPartsHeadersAttachmentsAndLinks() {
        String mime =
                "From: noreply@example.org\r\nTo: Eva <eva@example.org>\r\nSubject: =?UTF-8?Q?Je_bent_erbij_=E2=9C=93?=\r\n"
                        + "X-Meetups-Mail-Kind: RSVP_CONFIRMED\r\nContent-Language: nl\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\n"
                        + "Content-Type: multipart/alternative; boundary=YY\r\n\r\n--YY\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n\r\nHallo Eva\r\nIk kan niet komen: http://localhost:3000/links/abc.def.\r\n"
                        + "Agenda: https://meetups.example.org/meetups/1/calendar.ics\r\n--YY\r\n"
                        + "Content-Type: text/html; charset=utf-8\r\n\r\n<h1>Hallo Eva</h1>\r\n--YY--\r\n--XX\r\n"
                        + "Content-Type: text/calendar; charset=UTF-8; method=REQUEST\r\nContent-Disposition: attachment; filename=invite.ics\r\n\r\n"
                        + "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n--XX--\r\n";
        MailBox.Mail mail = MailBox.raw("1", "x", List.of("y"), mime);
        assertEquals("Je bent erbij \u2713", mail.subject());
        assertEquals("<h1>Hallo Eva</h1>", mail.html().strip());
        assertEquals(List.of(new MailBox.Attachment("invite.ics", "text/calendar", "REQUEST")), mail.attachments());
        assertEquals(List.of("Eva <eva@example.org>"), mail.recipients());
        assertEquals("RSVP_CONFIRMED", mail.kind());
        assertEquals("nl", mail.language());
        assertEquals(
                List.of("http://localhost:3000/links/abc.def", "https://meetups.example.org/meetups/1/calendar.ics"),
                mail.links(),
                "URLs of the text part, without the sentence's full stop");
    }

    private static HttpRoute.Match find(List<HttpRoute> routes, String method, String path) {
        return HttpRoute.find(routes, method, HttpRoute.segments(path)).orElseThrow();
    }
}
