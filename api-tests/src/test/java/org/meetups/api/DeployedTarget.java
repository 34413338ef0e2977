package org.meetups.api;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.meetups.mail.links.LinkSecret;
import org.meetups.mail.links.Purpose;
import org.meetups.mail.links.TokenSigner;
import org.meetups.runtime.config.Env;
import org.meetups.seats.RsvpSchema;
import org.meetups.store.Keys;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A stack deployed with {@code sam deploy} (AWS credentials and region from the environment, as
 * for the AWS CLI). From its outputs: the API's URL, the user pool and its client, the table.
 * People are Cognito users the suite creates (addresses of the SES mailbox simulator, which
 * accepts mail and delivers it to nobody), signs in with the admin flow and deletes at the end.
 * Mails are read from the table's sent markers (what SES accepted, once per mail); one-click links
 * are signed with the stack's own secret; reminders run by invoking the function as its schedule does:
 * through the alias {@value #LIVE_ALIAS}, the SnapStart version the schedule invokes.
 */
final class DeployedTarget implements ApiTarget {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The template's AutoPublishAlias: every trigger invokes this alias, never $LATEST. */
    private static final String LIVE_ALIAS = "live";

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String baseUrl;
    private final String userPool;
    private final String client;
    private final String table;
    private final String remindersFunction;
    private final Map<String, String> parameters;
    private final CognitoIdentityProviderClient cognito;
    private final DynamoDbClient dynamo;
    private final LambdaClient lambda;
    private final TokenSigner links;
    private final List<String> created = new ArrayList<>();
    /** Cognito sub -> e-mail address, for reading sent markers. */
    private final Map<String, String> addresses = new ConcurrentHashMap<>();

    private DeployedTarget(String stackName) {
        var http = UrlConnectionHttpClient.builder();
        try (CloudFormationClient cloudFormation =
                CloudFormationClient.builder().httpClientBuilder(http).build()) {
            Stack stack = cloudFormation
                    .describeStacks(r -> r.stackName(stackName))
                    .stacks()
                    .get(0);
            Map<String, String> outputs =
                    stack.outputs().stream().collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));
            this.parameters = stack.parameters().stream()
                    .collect(Collectors.toMap(
                            p -> p.parameterKey(), p -> p.parameterValue() == null ? "" : p.parameterValue()));
            this.baseUrl = require(outputs, "ApiUrl", stackName).replaceAll("/+$", "");
            this.userPool = require(outputs, "UserPoolId", stackName);
            this.client = require(outputs, "UserPoolClientId", stackName);
            this.table = require(outputs, "TableName", stackName);
            this.remindersFunction = physicalId(cloudFormation, stackName, "RemindersFunction");
            String secretArn = physicalId(cloudFormation, stackName, "LinkSigningSecret");
            String region = new DefaultAwsRegionProviderChain().getRegion().id();
            this.links = new TokenSigner(
                    LinkSecret.load(Env.of(Map.of("LINK_SECRET_ARN", secretArn, "AWS_REGION", region))),
                    Clock.systemUTC());
        }
        this.cognito =
                CognitoIdentityProviderClient.builder().httpClientBuilder(http).build();
        this.dynamo = DynamoDbClient.builder().httpClientBuilder(http).build();
        this.lambda = LambdaClient.builder().httpClientBuilder(http).build();
    }

    static DeployedTarget connect(String stackName) {
        if (stackName.isBlank()) {
            throw new IllegalStateException("name the stack: ./mvnw verify -Pdeployed -Dstack=<stack name>");
        }
        return new DeployedTarget(stackName);
    }

    private static String require(Map<String, String> outputs, String key, String stack) {
        String value = outputs.get(key);
        if (value == null) {
            throw new IllegalStateException("stack " + stack + " has no output " + key
                    + " (the suite needs the template's Cognito user pool: deploy with JwtIssuer empty)");
        }
        return value;
    }

    private static String physicalId(CloudFormationClient cloudFormation, String stack, String logicalId) {
        return cloudFormation
                .describeStackResource(r -> r.stackName(stack).logicalResourceId(logicalId))
                .stackResourceDetail()
                .physicalResourceId();
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public synchronized TestUser user(String handle, TestUser.Role role) {
        String label = handle + "-" + run;
        String email = "success+" + label + "@simulator.amazonses.com";
        String name =
                Character.toUpperCase(handle.charAt(0)) + handle.substring(1).replace('-', ' ');
        String department = role == TestUser.Role.MANAGER ? "Marketing" : "Community";
        String password = "Aa1-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(24));
        cognito.adminCreateUser(r -> r.userPoolId(userPool)
                .username(email)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(
                        attribute("email", email),
                        attribute("email_verified", "true"),
                        attribute("name", name),
                        attribute("custom:department", department)));
        created.add(email);
        cognito.adminSetUserPassword(
                r -> r.userPoolId(userPool).username(email).password(password).permanent(true));
        switch (role) {
            case COORDINATOR ->
                cognito.adminAddUserToGroup(r -> r.userPoolId(userPool)
                        .username(email)
                        .groupName(parameters.getOrDefault("CoordinatorGroup", "coordinators")));
            case MANAGER ->
                cognito.adminAddUserToGroup(r -> r.userPoolId(userPool)
                        .username(email)
                        .groupName(parameters.getOrDefault("ManagerGroup", "managers")));
            case EMPLOYEE -> {}
        }
        String sub = cognito.adminGetUser(r -> r.userPoolId(userPool).username(email)).userAttributes().stream()
                .filter(a -> a.name().equals("sub"))
                .findFirst()
                .orElseThrow()
                .value();
        String token = cognito.adminInitiateAuth(r -> r.userPoolId(userPool)
                        .clientId(client)
                        .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", password)))
                .authenticationResult()
                .idToken();
        addresses.put(sub, email);
        return new TestUser(sub, name, email, role, department, token);
    }

    @Override
    public List<SentMail> mailsTo(String meetupId, Collection<TestUser> people) {
        var subs = people.stream().map(TestUser::sub).collect(Collectors.toSet());
        List<SentMail> mails = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table)
                        .consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :sent)")
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                AttributeValue.fromS("MEETUP#" + meetupId),
                                ":sent",
                                AttributeValue.fromS("SENT#"))))
                .items()
                .forEach(item -> {
                    String userId = item.getOrDefault("userId", AttributeValue.fromS(""))
                            .s();
                    String state =
                            item.getOrDefault("state", AttributeValue.fromS("")).s();
                    if (subs.contains(userId) && state.equals("SENT")) {
                        mails.add(new SentMail(
                                addresses.get(userId),
                                SentMail.kind(item.get("kind").s()),
                                null,
                                List.of()));
                    }
                });
        return mails;
    }

    @Override
    public void runReminders() {
        var result = lambda.invoke(r -> r.functionName(remindersFunction)
                .qualifier(LIVE_ALIAS)
                .payload(
                        SdkBytes.fromString("{\"scheduledTime\": \"" + Instant.now() + "\"}", StandardCharsets.UTF_8)));
        if (result.functionError() != null) {
            throw new AssertionError(
                    "the reminder run failed: " + result.payload().asUtf8String());
        }
    }

    @Override
    public String link(TestUser person, String kind, String meetupId) {
        Purpose purpose = switch (kind) {
            case "RSVP_CONFIRMED", "PROMOTED" -> Purpose.CANCEL_RSVP;
            case "WAITLISTED" -> Purpose.LEAVE_WAITLIST;
            default -> throw new IllegalArgumentException("no one-click link in a " + kind + " mail");
        };
        if (mailsTo(meetupId, List.of(person)).stream().noneMatch(m -> m.kind().equals(kind))) {
            throw new AssertionError("no " + kind + " mail to " + person);
        }
        Instant start = OffsetDateTime.parse(Http.request("GET", baseUrl + "/meetups/" + meetupId)
                        .as(person)
                        .send()
                        .json()
                        .path("startsAt")
                        .asText())
                .toInstant();
        // the link names the sign-up it was minted for, as the mail's does: the RSVP's current generation
        AttributeValue generation = dynamo.getItem(r -> r.tableName(table)
                        .consistentRead(true)
                        .key(Map.of(
                                "PK",
                                AttributeValue.fromS(Keys.meetupPk(meetupId)),
                                "SK",
                                AttributeValue.fromS(Keys.rsvpSk(person.sub())))))
                .item()
                .get(RsvpSchema.GENERATION);
        String signUp = generation == null ? "0" : generation.n();
        return baseUrl + "/links/" + links.oneClick(purpose, meetupId, person.sub(), null, signUp, start);
    }

    @Override
    public List<String> corsOrigins() {
        String origins = parameters.getOrDefault("CorsAllowedOrigins", "");
        return origins.isBlank() ? List.of() : List.of(origins.split(","));
    }

    @Override
    public synchronized void close() {
        for (String email : created) {
            try {
                cognito.adminDeleteUser(r -> r.userPoolId(userPool).username(email));
            } catch (RuntimeException e) {
                System.err.println("could not delete test user " + email + ": " + e);
            }
        }
        created.clear();
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private static byte[] bytes(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }
}
