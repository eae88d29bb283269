package org.fogledger.ledger.mempool;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.InstantSource;

/**
 * The mempool's rules are as pure as the core's: only {@link ParallelSignatureVerifier} may own threads. The
 * package is outside ARCHITECTURE.md's list of pure packages (because of that one class), so this keeps the rest
 * honest.
 */
@AnalyzeClasses(packages = "org.fogledger.ledger.mempool",
        importOptions = {ImportOption.DoNotIncludeTests.class, MempoolPurityTest.NoTestClasses.class})
class MempoolPurityTest {

    @ArchTest
    static final ArchRule rules_use_no_threads_clock_io_or_actors = noClasses()
            .that().resideInAPackage("org.fogledger.ledger.mempool")
            .and().doNotHaveSimpleName(ParallelSignatureVerifier.class.getSimpleName())
            .should().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..", "java.io..",
                    "java.nio.file..", "java.net..", "org.apache.pekko..")
            .orShould().dependOnClassesThat().belongToAnyOf(Thread.class, ThreadLocal.class, Clock.class,
                    InstantSource.class)
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .because("the mempool's rules are deterministic like the consensus core; the actor owns threads and time");

    /** Builds in this tree use other output folders than target/test-classes. */
    static final class NoTestClasses implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/");
        }
    }
}
