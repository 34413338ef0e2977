package org.meetups.access;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layers of every function, checked on the compiled classes: handlers parse, authorise, call the
 * domain and map the result; stores and rules know nothing of HTTP; rules know nothing of AWS.
 */
@Tag("unit")
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // the functions' classes come from their jars (verify) or class folders (test): both are read
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.meetups");
    }

    @Test
    void everyFunctionsClassesAreChecked() {
        for (String name : List.of(
                "org.meetups.meetup.store.MeetupRepository",
                "org.meetups.rsvp.store.RsvpStore",
                "org.meetups.roles.handler.RolesHandler",
                "org.meetups.notify.domain.NotificationPlanner",
                "org.meetups.remind.handler.ReminderHandler",
                "org.meetups.digest.store.DigestStore",
                "org.meetups.highlights.domain.HighlightRules",
                "org.meetups.projections.handler.ProjectionsHandler",
                "org.meetups.signup.domain.SignUpDomains",
                "org.meetups.seats.RsvpRules")) {
            assertTrue(classes.contain(name), name + " is among the classes the rules check");
        }
    }

    @Test
    void storesAndRulesDoNotUseTheHttpLayer() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..store..",
                        "..domain..",
                        "org.meetups.seats..",
                        "org.meetups.volunteering..",
                        "org.meetups.directory..",
                        "org.meetups.figures..",
                        "org.meetups.mail..")
                .should()
                .dependOnClassesThat()
                // the kernel package; who the caller is (org.meetups.http.auth.Caller) stores and rules may know
                .resideInAPackage("org.meetups.http")
                .because("refusals are domain Refusals, which the HTTP layer maps to problems (Problems)")
                .check(classes);
    }

    @Test
    void handlersDoNotBuildAttributeValues() {
        DescribedPredicate<JavaMethodCall> buildsAttributeValue = new DescribedPredicate<>("build an AttributeValue") {
            @Override
            public boolean test(JavaMethodCall call) {
                return call.getTargetOwner().isEquivalentTo(AttributeValue.class)
                        && (call.getName().startsWith("from") || call.getName().equals("builder"));
            }
        };
        noClasses()
                .that()
                .resideInAPackage("..handler..")
                .should()
                .callMethodWhere(buildsAttributeValue)
                .because("keys and items are the stores' (and Keys') business")
                .check(classes);
    }

    @Test
    void rulesDoNotUseTheAwsSdk() {
        noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk..")
                .because("domain rules are plain Java, testable without AWS")
                .check(classes);
    }
}
