package org.meetups.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.meetups.emulator.ProjectFiles;
import org.meetups.emulator.TemplateTable;

/** What template.yaml promises operators: every failure alarmed, every alarm heard, nothing named twice in an account. */
@Tag("unit")
class OperationsTemplateTest {
    static final JsonNode RESOURCES =
            TemplateTable.template(ProjectFiles.resolve("template.yaml")).path("Resources");

    static List<Map.Entry<String, JsonNode>> ofType(String type) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        RESOURCES.properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                out.add(e);
            }
        });
        return out;
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopicWhenItFiresAndWhenItClears() {
        List<Map.Entry<String, JsonNode>> alarms = ofType("AWS::CloudWatch::Alarm");
        assertTrue(alarms.size() >= 20, "alarms: " + alarms.size());
        for (var alarm : alarms) {
            for (String actions : List.of("AlarmActions", "OKActions")) {
                assertEquals(
                        "[{\"Ref\":\"AlarmTopic\"}]",
                        alarm.getValue().path("Properties").path(actions).toString(),
                        alarm.getKey() + " " + actions);
            }
        }
        assertEquals(
                "{\"Ref\":\"AlarmEmail\"}",
                RESOURCES
                        .path("AlarmEmailSubscription")
                        .path("Properties")
                        .path("Endpoint")
                        .toString());
    }

    @Test
    void everyFunctionHasAnErrorsAndAThrottlesAlarm() {
        Set<String> watched = new TreeSet<>();
        for (var alarm : ofType("AWS::CloudWatch::Alarm")) {
            JsonNode p = alarm.getValue().path("Properties");
            if (p.path("Namespace").asText().equals("AWS/Lambda")) {
                watched.add(p.path("MetricName").asText() + " "
                        + p.path("Dimensions").get(0).path("Value").path("Ref").asText());
            }
        }
        for (var function : ofType("AWS::Serverless::Function")) {
            assertTrue(watched.contains("Errors " + function.getKey()), function.getKey() + " Errors");
            assertTrue(watched.contains("Throttles " + function.getKey()), function.getKey() + " Throttles");
        }
        for (String queue : List.of("NotificationsFailureQueue", "RemindersDeadLetterQueue", "DigestDeadLetterQueue")) {
            assertTrue(
                    ofType("AWS::CloudWatch::Alarm").stream()
                            .anyMatch(a -> a.getValue().toString().contains(queue)),
                    queue);
        }
    }

    @Test
    void theStreamAndReminderFunctionsHaveReservedConcurrencyAndNothingHasAFixedName() throws IOException {
        for (String function : List.of("NotificationsFunction", "RemindersFunction")) {
            assertFalse(
                    RESOURCES
                            .path(function)
                            .path("Properties")
                            .path("ReservedConcurrentExecutions")
                            .isMissingNode(),
                    function);
        }
        JsonNode schedule = RESOURCES
                .path("RemindersFunction")
                .path("Properties")
                .path("Events")
                .path("EveryFiveMinutes")
                .path("Properties")
                .path("Name");
        assertTrue(schedule.toString().contains("AWS::StackName"), "the schedule's name is the stack's: " + schedule);
        // a literal name on any resource would collide with a second deployment in the account
        for (String nameProperty : List.of(
                "FunctionName",
                "TableName",
                "TopicName",
                "QueueName",
                "DashboardName",
                "Name",
                "LogGroupName",
                "AlarmName")) {
            RESOURCES.properties().forEach(e -> {
                JsonNode name = e.getValue().path("Properties").path(nameProperty);
                assertTrue(
                        name.isMissingNode() || !name.isTextual(),
                        e.getKey() + "." + nameProperty + " is fixed: " + name);
            });
        }
    }

    @Test
    void mailFunctionsSendWithTheConfigurationSetAndMayUseIt() throws IOException {
        String template = Files.readString(ProjectFiles.resolve("template.yaml"));
        assertTrue(template.contains("SES_CONFIGURATION_SET: !Ref MailConfigurationSet"));
        assertEquals(
                4,
                template.split("configuration-set/\\$\\{MailConfigurationSet}", -1).length - 1,
                "the four mail functions (notifications, reminders, digest, involvement mail) may send with it");
    }
}
