package org.meetups.signup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.emulator.ProjectFiles;
import org.meetups.emulator.TemplateTable;

/**
 * The identity template.yaml deploys: closed sign-up unless the organisation's domains are given,
 * a pre-sign-up check and e-mail verification when they are, groups named by parameters, and an
 * app client that cannot write the attributes the functions trust.
 */
@Tag("unit")
class IdentityTemplateTest {
    static final JsonNode TEMPLATE = TemplateTable.template(ProjectFiles.resolve("template.yaml"));
    static final JsonNode RESOURCES = TEMPLATE.path("Resources");
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void onlyAdministratorsCreateUsersUnlessSelfSignUpDomainsAreGiven() throws Exception {
        JsonNode pool = RESOURCES.path("UserPool").path("Properties");
        assertEquals(
                json("{\"Fn::If\": [\"SelfSignUp\", false, true]}"),
                pool.path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly"));
        assertEquals(
                "",
                TEMPLATE.path("Parameters")
                        .path("SelfSignUpDomains")
                        .path("Default")
                        .asText("missing"));
        assertEquals(
                json("{\"Fn::And\": [{\"Condition\": \"UseCognito\"},"
                        + " {\"Fn::Not\": [{\"Fn::Equals\": [{\"Ref\": \"SelfSignUpDomains\"}, \"\"]}]}]}"),
                TEMPLATE.path("Conditions").path("SelfSignUp"));
        // the check runs on every sign-up once sign-up is open (the SnapStart alias), and the address is verified by a
        // mailed code
        assertEquals(
                json("{\"Fn::If\": [\"SelfSignUp\", {\"PreSignUp\": {\"Ref\": \"SignUpFunction.Alias\"}},"
                        + " {\"Ref\": \"AWS::NoValue\"}]}"),
                pool.path("LambdaConfig"));
        assertEquals(json("[\"email\"]"), pool.path("AutoVerifiedAttributes"));
        JsonNode function = RESOURCES.path("SignUpFunction");
        assertEquals("SelfSignUp", function.path("Condition").asText());
        assertEquals(
                json("{\"Ref\": \"SelfSignUpDomains\"}"),
                function.path("Properties")
                        .path("Environment")
                        .path("Variables")
                        .path("SELF_SIGN_UP_DOMAINS"));
        JsonNode permission = RESOURCES.path("SignUpFunctionCognitoPermission").path("Properties");
        assertEquals("cognito-idp.amazonaws.com", permission.path("Principal").asText());
        assertEquals(json("{\"Ref\": \"SignUpFunction.Alias\"}"), permission.path("FunctionName"));
        assertEquals(json("{\"Fn::GetAtt\": \"UserPool.Arn\"}"), permission.path("SourceArn"));
    }

    @Test
    void usersCannotRewriteTheIdentityTheFunctionsTrust() throws Exception {
        JsonNode client = RESOURCES.path("UserPoolClient").path("Properties");
        List<String> writable = new ArrayList<>();
        client.path("WriteAttributes").forEach(a -> writable.add(a.asText()));
        // an absent list would let the client write every standard attribute
        assertFalse(writable.isEmpty());
        for (String trusted : List.of(
                "email",
                "name",
                "given_name",
                "family_name",
                "custom:department",
                "email_verified",
                "custom:language")) {
            assertFalse(writable.contains(trusted), trusted + " is writable by users");
        }
        assertEquals(
                json("[\"email\"]"),
                RESOURCES
                        .path("UserPool")
                        .path("Properties")
                        .path("UserAttributeUpdateSettings")
                        .path("AttributesRequireVerificationBeforeUpdate"));
        // the sign-up client writes the address and name once, at sign-up, and signs nobody in
        JsonNode signUp = RESOURCES.path("SignUpClient").path("Properties");
        assertEquals(json("[\"ALLOW_REFRESH_TOKEN_AUTH\"]"), signUp.path("ExplicitAuthFlows"));
        assertEquals(json("[\"email\", \"name\"]"), signUp.path("WriteAttributes"));
        // the API accepts tokens of the sign-in client only
        assertEquals(
                json("[{\"Fn::If\": [\"UseCognito\", {\"Ref\": \"UserPoolClient\"}, {\"Ref\": \"JwtAudience\"}]}]"),
                RESOURCES
                        .path("MeetupsApi")
                        .path("Properties")
                        .path("Auth")
                        .path("Authorizers")
                        .path("JwtAuthorizer")
                        .path("JwtConfiguration")
                        .path("audience"));
    }

    @Test
    void groupsAndCallerSettingsComeFromParametersForEveryFunction() throws Exception {
        assertEquals(
                json("{\"Ref\": \"CoordinatorGroup\"}"),
                RESOURCES.path("CoordinatorsGroup").path("Properties").path("GroupName"));
        assertEquals(
                json("{\"Ref\": \"ManagerGroup\"}"),
                RESOURCES.path("ManagersGroup").path("Properties").path("GroupName"));
        assertEquals(
                "managers",
                TEMPLATE.path("Parameters").path("ManagerGroup").path("Default").asText());
        assertEquals(
                "true",
                TEMPLATE.path("Parameters")
                        .path("RequireVerifiedEmail")
                        .path("Default")
                        .asText());
        JsonNode globals =
                TEMPLATE.path("Globals").path("Function").path("Environment").path("Variables");
        assertEquals(json("{\"Ref\": \"GroupClaim\"}"), globals.path("GROUP_CLAIM"));
        assertEquals(json("{\"Ref\": \"CoordinatorGroup\"}"), globals.path("COORDINATOR_GROUP"));
        assertEquals(json("{\"Ref\": \"ManagerGroup\"}"), globals.path("MANAGER_GROUP"));
        assertEquals(json("{\"Ref\": \"RequireVerifiedEmail\"}"), globals.path("REQUIRE_VERIFIED_EMAIL"));
        // no function overrides them with its own values
        RESOURCES.properties().forEach(r -> {
            JsonNode variables =
                    r.getValue().path("Properties").path("Environment").path("Variables");
            for (String name : List.of("GROUP_CLAIM", "COORDINATOR_GROUP", "MANAGER_GROUP", "REQUIRE_VERIFIED_EMAIL")) {
                assertTrue(variables.path(name).isMissingNode(), r.getKey() + " sets " + name);
            }
        });
    }
}
