package org.fogledger.simulator.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.fogledger.simulator.architecture.planted.down.Down;
import org.fogledger.simulator.architecture.planted.up.Up;
import org.junit.jupiter.api.Test;

/**
 * The simulator's packages depend on each other in one direction (fleet and scenario below the engine, the
 * behaviours and the command above it): a cycle makes a package impossible to understand or test alone.
 */
class SimulatorPackagesTest {
    /** Only production code is checked, whatever the build's output folder is called. */
    private static final ImportOption PRODUCTION = location -> !location.contains("/test-classes/");

    @Test
    void theSimulatorsPackagesAreFreeOfCycles() {
        JavaClasses production = new ClassFileImporter().withImportOption(PRODUCTION)
                .importPackages("org.fogledger.simulator");
        assertTrue(production.size() > 50, "the simulator's classes were found: " + production.size());
        EvaluationResult result = cyclesAmong("org.fogledger.simulator.(*)..", production);
        assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
    }

    @Test
    void aPlantedCycleBetweenTwoPackagesIsCaught() {
        JavaClasses planted = new ClassFileImporter().importClasses(Up.class, Down.class);
        EvaluationResult result = cyclesAmong("org.fogledger.simulator.architecture.planted.(*)..", planted);
        assertTrue(result.hasViolation(), "the rule must see up -> down -> up");
    }

    private static EvaluationResult cyclesAmong(String slicePattern, JavaClasses classes) {
        return slices().matching(slicePattern).should().beFreeOfCycles().evaluate(classes);
    }
}
