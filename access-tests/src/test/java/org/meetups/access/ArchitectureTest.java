package org.meetups.access;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layers of every function, checked on the compiled classes: handlers parse, authorise, call the
 * domain and map the result; stores and rules know nothing of HTTP; rules know nothing of AWS; no code
 * scans the table or writes past the log backend.
 */
@Tag("unit")
class ArchitectureTest {
    /** Every function's layers (handler/, domain/ with its rules, store/), as its module has them. */
    static final List<String> FUNCTION_LAYERS = List.of(
            "org.meetups.meetup.handler",
            "org.meetups.meetup.domain",
            "org.meetups.meetup.store",
            "org.meetups.rsvp.handler",
            "org.meetups.rsvp.store",
            "org.meetups.roles.handler",
            "org.meetups.roles.domain",
            "org.meetups.roles.store",
            "org.meetups.notify.handler",
            "org.meetups.notify.domain",
            "org.meetups.notify.store",
            "org.meetups.links.handler",
            "org.meetups.links.store",
            "org.meetups.remind.handler",
            "org.meetups.remind.domain",
            "org.meetups.remind.store",
            "org.meetups.signup.handler",
            "org.meetups.signup.domain",
            "org.meetups.people.handler",
            "org.meetups.people.domain",
            "org.meetups.people.store",
            "org.meetups.highlights.handler",
            "org.meetups.highlights.domain",
            "org.meetups.highlights.store",
            "org.meetups.digest.handler",
            "org.meetups.digest.domain",
            "org.meetups.digest.store",
            "org.meetups.involvement.handler",
            "org.meetups.involvement.domain",
            "org.meetups.involvement.store",
            "org.meetups.projections.handler",
            "org.meetups.projections.domain",
            "org.meetups.projections.store");

    /** The shared modules that hold stores or rules. */
    static final List<String> SHARED_STORES_AND_RULES = List.of(
            "org.meetups.store",
            "org.meetups.domain",
            "org.meetups.seats",
            "org.meetups.volunteering",
            "org.meetups.directory",
            "org.meetups.figures",
            "org.meetups.mail");

    /** The HTTP kernel, and the managers' monthly mail, a function of its own in the involvement module. */
    static final List<String> OTHER_HANDLER_PACKAGES = List.of("org.meetups.http", "org.meetups.involvement.mail");

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // the functions' classes come from their jars (verify) or class folders (test): both are read
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.meetups");
    }

    /** {@code patterns}, and each of {@code packages} with its subpackages, as ArchUnit names them. */
    static String[] withSubpackages(List<String> packages, String... patterns) {
        return Stream.concat(Stream.of(patterns), packages.stream().map(p -> p + ".."))
                .toArray(String[]::new);
    }

    /** Checks a rule; one whose classes are none fails too, rather than passing on nothing. */
    static void check(ArchRule rule) {
        rule.allowEmptyShould(false).check(classes);
    }

    /**
     * A rule over packages that hold no class passes without checking anything (and a rule over several
     * passes when one of them is missing): every package the rules are about must be among the classes.
     */
    @Test
    void everyPackageTheRulesAreAboutHoldsClasses() {
        List<String> packages = Stream.of(
                        FUNCTION_LAYERS.stream(), SHARED_STORES_AND_RULES.stream(), OTHER_HANDLER_PACKAGES.stream())
                .flatMap(s -> s)
                .toList();
        assertEquals(
                List.of(),
                packages.stream().filter(p -> !classes.containPackage(p)).toList(),
                "packages without classes: a module missing from access-tests' dependencies, or renamed");
    }

    @Test
    void storesAndRulesDoNotUseTheHttpLayer() {
        check(noClasses()
                .that()
                .resideInAnyPackage(withSubpackages(SHARED_STORES_AND_RULES, "..store..", "..domain.."))
                .should()
                .dependOnClassesThat()
                // the kernel package; who the caller is (org.meetups.http.auth.Caller) stores and rules may know
                .resideInAPackage("org.meetups.http")
                .because("refusals are domain Refusals, which the HTTP layer maps to problems (Problems)"));
    }

    @Test
    void handlersDoNotBuildAttributeValues() {
        DescribedPredicate<JavaMethodCall> buildsAttributeValue = DescribedPredicate.describe(
                "build an AttributeValue",
                call -> call.getTargetOwner().isEquivalentTo(AttributeValue.class)
                        && (call.getName().startsWith("from") || call.getName().equals("builder")));
        check(noClasses()
                .that()
                .resideInAnyPackage(withSubpackages(OTHER_HANDLER_PACKAGES, "..handler.."))
                .should()
                .callMethodWhere(buildsAttributeValue)
                .because("keys and items are the stores' (and Keys') business"));
    }

    @Test
    void rulesDoNotUseTheAwsSdk() {
        check(noClasses()
                .that()
                .resideInAPackage("..domain..")
                // the rules of the shared modules (RsvpRules in seats, ...)
                .or()
                .haveSimpleNameEndingWith("Rules")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk..")
                .because("domain rules are plain Java, testable without AWS"));
    }

    @Test
    void noCodeScansTheTable() {
        DescribedPredicate<JavaMethodCall> scans =
                DescribedPredicate.describe("scan a DynamoDB table or index", call -> {
                    String owner = call.getTargetOwner().getPackageName();
                    return (call.getName().equals("scan") || call.getName().equals("scanPaginator"))
                            && (owner.startsWith("software.amazon.awssdk.services.dynamodb")
                                    || owner.startsWith("software.amazon.awssdk.enhanced.dynamodb"));
                });
        check(noClasses()
                .should()
                .callMethodWhere(scans)
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("software.amazon.awssdk.services.dynamodb.model.ScanRequest")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest")
                .because("every read is a GetItem or a Query (the tests' CallRecorder also fails any Scan issued)"));
    }

    @Test
    void onlyTheLogBackendWritesToStandardStreams() {
        DescribedPredicate<JavaMethodCall> printsAStackTrace = DescribedPredicate.describe(
                "print a stack trace",
                call -> call.getName().equals("printStackTrace")
                        && call.getTargetOwner().isAssignableTo(Throwable.class));
        check(noClasses()
                .that()
                // the JSON log backend writes the log lines; test-support's benchmark harness prints figures
                .resideOutsideOfPackages("org.meetups.runtime.observe..", "org.meetups.testing.bench..")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .orShould()
                .callMethodWhere(printsAStackTrace)
                .because("functions log through SLF4J: structured, redacted, levelled"));
    }
}
