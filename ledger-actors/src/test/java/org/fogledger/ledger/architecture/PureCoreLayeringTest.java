package org.fogledger.ledger.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The packages that hold rules stay plain Java: the production classes of ledger-actors, checked. */
@AnalyzeClasses(packages = "org.fogledger.ledger",
        importOptions = {ImportOption.DoNotIncludeTests.class, PureCoreLayeringTest.NoTestClasses.class})
class PureCoreLayeringTest {

    @ArchTest
    static final ArchRule no_pekko = PureCoreRules.noActorRuntime(PureCoreRules.PURE_PACKAGES);

    @ArchTest
    static final ArchRule no_config = PureCoreRules.noConfig(PureCoreRules.PURE_PACKAGES);

    @ArchTest
    static final ArchRule no_clock = PureCoreRules.noClock(PureCoreRules.PURE_PACKAGES);

    @ArchTest
    static final ArchRule no_threads = PureCoreRules.noThreads(PureCoreRules.PURE_PACKAGES);

    @ArchTest
    static final ArchRule no_io = PureCoreRules.noIo(PureCoreRules.PURE_PACKAGES);

    @ArchTest
    static final ArchRule no_unseeded_randomness = PureCoreRules.noUnseededRandomness(PureCoreRules.PURE_PACKAGES);

    /**
     * ArchUnit's {@link ImportOption.DoNotIncludeTests} knows only {@code target/test-classes}; builds in this
     * tree may use another output folder ({@code -Dbuild.subdir=target-x}), so test classes are also left out
     * by the folder name itself. Tests may use threads, files and clocks.
     */
    static final class NoTestClasses implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/");
        }
    }
}
