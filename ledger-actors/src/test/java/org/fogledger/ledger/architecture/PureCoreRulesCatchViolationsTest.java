package org.fogledger.ledger.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fogledger.ledger.architecture.fixture.codec.ClockReadingEncoder;
import org.fogledger.ledger.architecture.fixture.codec.SeededEncoder;
import org.junit.jupiter.api.Test;

/**
 * The planted bug: the same rule definitions as {@link PureCoreLayeringTest}, pointed at a fixture package
 * that stands in for {@code codec}, must report the fixture's violations, and only those.
 */
class PureCoreRulesCatchViolationsTest {
    private static final String FIXTURE_CODEC = "..architecture.fixture.codec..";

    private static final JavaClasses VIOLATING = new ClassFileImporter().importClasses(ClockReadingEncoder.class);
    private static final JavaClasses CLEAN = new ClassFileImporter().importClasses(SeededEncoder.class);

    /** Each rule, and a line its report must contain for the planted class. */
    private static final Map<Function<String[], ArchRule>, String> EXPECTED = Map.of(
            PureCoreRules::noActorRuntime, "org.apache.pekko.actor.typed.ActorRef",
            PureCoreRules::noConfig, "com.typesafe.config.ConfigFactory.load()",
            PureCoreRules::noClock, "java.lang.System.currentTimeMillis()",
            PureCoreRules::noThreads, "java.util.concurrent.Executors.newSingleThreadExecutor()",
            PureCoreRules::noIo, "java.nio.file.Files.write(",
            PureCoreRules::noUnseededRandomness, "java.security.SecureRandom.<init>()");

    @Test
    void everyRuleReportsThePlantedViolation() {
        assertEquals(PureCoreRules.all(FIXTURE_CODEC).size(), EXPECTED.size(), "one expectation per rule");
        EXPECTED.forEach((rule, expected) -> {
            EvaluationResult result = rule.apply(new String[] {FIXTURE_CODEC}).evaluate(VIOLATING);
            assertTrue(result.hasViolation(), () -> "not caught: " + expected);
            String report = String.join("\n", result.getFailureReport().getDetails());
            assertTrue(report.contains(expected), () -> "report lacks " + expected + ":\n" + report);
        });
    }

    @Test
    void theClockRuleCatchesJavaTimeNowToo() {
        String report = String.join("\n",
                PureCoreRules.noClock(FIXTURE_CODEC).evaluate(VIOLATING).getFailureReport().getDetails());
        assertTrue(report.contains("java.time.Instant.now()"), report);
    }

    @Test
    void theSameJobDoneWithInjectedTimeAndRandomnessPasses() {
        for (ArchRule rule : PureCoreRules.all(FIXTURE_CODEC)) {
            EvaluationResult result = rule.evaluate(CLEAN);
            assertFalse(result.hasViolation(), () -> String.join("\n", result.getFailureReport().getDetails()));
        }
    }

    @Test
    void rulesOverOtherPackagesIgnoreTheFixture() {
        // The real packages do not include the fixture, and a package with no classes is not an error.
        for (ArchRule rule : PureCoreRules.all(PureCoreRules.PURE_PACKAGES)) {
            assertFalse(rule.evaluate(VIOLATING).hasViolation(), rule::getDescription);
        }
        List<ArchRule> none = PureCoreRules.all("..no.such.package..");
        none.forEach(rule -> rule.check(VIOLATING));
    }
}
