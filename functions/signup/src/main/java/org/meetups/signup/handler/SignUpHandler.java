package org.meetups.signup.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.meetups.runtime.config.Env;
import org.meetups.runtime.json.Json;
import org.meetups.runtime.snapstart.Priming;
import org.meetups.signup.domain.SignUpDomains;

/**
 * Cognito's pre-sign-up trigger (template: only when {@code SelfSignUpDomains} is set). A person
 * signing up by themselves ({@code PreSignUp_SignUp}, or through an external provider) must use an
 * address of one of SELF_SIGN_UP_DOMAINS; administrators' own creations pass. The event goes back
 * unchanged: nobody is confirmed or verified automatically, so Cognito mails a code to the address.
 * The event is read as JSON, not through the runtime's POJO serializer.
 */
public final class SignUpHandler extends Priming implements RequestStreamHandler {
    private final SignUpDomains domains;

    public SignUpHandler() {
        this(Env.system());
    }

    public SignUpHandler(Env env) {
        this.domains = SignUpDomains.parse(env.getOr("SELF_SIGN_UP_DOMAINS", ""));
    }

    /**
     * Before a SnapStart snapshot: both triggers read and answered in the shape Cognito sends (nested
     * objects, nulls, booleans), an administrator's creation passed and a self sign-up refused.
     */
    @Override
    protected void prime() {
        prime("PreSignUp_AdminCreateUser");
        try {
            prime("PreSignUp_SignUp");
        } catch (SignUpRefused expected) {
            // the refusal path is primed too: no organisation's domain is "invalid"
        }
    }

    private void prime(String trigger) {
        String event = """
                {"version": "1", "region": "priming", "userPoolId": "priming", "userName": "priming",
                 "callerContext": {"awsSdkVersion": "priming", "clientId": "priming"},
                 "triggerSource": "%s",
                 "request": {"userAttributes": {"email": "priming@invalid"}, "validationData": null},
                 "response": {"autoConfirmUser": false, "autoVerifyEmail": false, "autoVerifyPhone": false}}
                """.formatted(trigger);
        try {
            handleRequest(
                    new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(),
                    null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses the sign-up; Cognito shows the message to the person ("PreSignUp failed with error ..."). */
    public static final class SignUpRefused extends RuntimeException {
        SignUpRefused(String message) {
            super(message);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        String trigger = event.path("triggerSource").asText("");
        if (!trigger.equals("PreSignUp_AdminCreateUser")) {
            String email =
                    event.path("request").path("userAttributes").path("email").asText(null);
            if (!domains.allows(email)) {
                throw new SignUpRefused("Sign up with your organisation's e-mail address ("
                        + String.join(", ", domains.domains().stream().sorted().toList())
                        + "); other addresses are added by an administrator.");
            }
        }
        Json.MAPPER.writeValue(output, event);
    }
}
