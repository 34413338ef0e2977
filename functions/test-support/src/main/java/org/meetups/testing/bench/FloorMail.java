package org.meetups.testing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The library floor of a mail function: {@link FloorDynamoDb} plus an SES v2 client built at init
 * and one SendEmail, from MAIL_FROM (an identity verified in the emulator) to the caller's address
 * in the event. Only the card's libraries on the classpath, no project code.
 */
public class FloorMail extends FloorDynamoDb {
    private final SesV2Client ses = fromEnvironment(SesV2Client.builder()).build();
    private final String from = System.getenv("MAIL_FROM");

    @Override
    int serve(JsonNode event, ObjectNode body) {
        int status = super.serve(event, body);
        String to = event.path("requestContext")
                .path("authorizer")
                .path("jwt")
                .path("claims")
                .path("email")
                .asText();
        String messageId = ses.sendEmail(r -> r.fromEmailAddress(from)
                        .destination(d -> d.toAddresses(to))
                        .content(c -> c.simple(m ->
                                m.subject(s -> s.data("A meetup")).body(b -> b.text(t -> t.data(body.toString()))))))
                .messageId();
        body.put("messageId", messageId);
        return status;
    }
}
