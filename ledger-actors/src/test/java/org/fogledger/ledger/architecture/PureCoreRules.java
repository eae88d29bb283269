package org.fogledger.ledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.lang.ArchRule;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.Timer;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The layering rule of ARCHITECTURE.md, as ArchUnit rules over any set of packages: the packages that hold
 * rules are plain, deterministic Java, with no Pekko, no config, no clock, no threads, no I/O and no
 * randomness they did not receive. Time, randomness, network and storage come in from outside.
 *
 * <p>Parameterised by package so the real check ({@link PureCoreLayeringTest}) and the planted violation
 * ({@link PureCoreRulesCatchViolationsTest}) run the very same rule definitions.
 */
final class PureCoreRules {
    /** The packages that hold rules. A contract's logic package joins this list when it exists. */
    static final String[] PURE_PACKAGES = {"..ledger.crypto..", "..ledger.codec..", "..ledger.chain..",
            "..ledger.consensus..", "..ledger.contract.."};

    /**
     * The one place allowed to create an unseeded random source: the convenience that draws a fresh key from
     * the system's strong source. It is for tools and tests; nodes pass their own {@code SecureRandom}.
     */
    static final String SYSTEM_RANDOM_KEY_GENERATION = "org.fogledger.ledger.crypto.KeyPair.generate()";

    private PureCoreRules() {
    }

    static List<ArchRule> all(String... packages) {
        return List.of(noActorRuntime(packages), noConfig(packages), noClock(packages), noThreads(packages),
                noIo(packages), noUnseededRandomness(packages));
    }

    static ArchRule noActorRuntime(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..")
                .because("rules are plain Java; actors are thin shells around them")
                .allowEmptyShould(true);
    }

    static ArchRule noConfig(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAnyPackage("com.typesafe.config..")
                .because("rules receive their settings as values, so a test or the simulator can set them")
                .allowEmptyShould(true);
    }

    static ArchRule noClock(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethodWhere(readsTheClock())
                .orShould().callConstructor(java.util.Date.class)
                .orShould().dependOnClassesThat().belongToAnyOf(Clock.class, InstantSource.class)
                .because("time comes in as input (ticks, timestamps), so the simulator can drive it")
                .allowEmptyShould(true);
    }

    static ArchRule noThreads(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().belongToAnyOf(Thread.class, ThreadLocal.class, Executor.class,
                        ExecutorService.class, ScheduledExecutorService.class, Executors.class, ForkJoinPool.class,
                        CompletableFuture.class, Timer.class)
                .because("one input at a time in, outputs back; the actor owns the threads")
                .allowEmptyShould(true);
    }

    static ArchRule noIo(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().belongToAnyOf(File.class, FileInputStream.class,
                        FileOutputStream.class, FileReader.class, FileWriter.class, RandomAccessFile.class,
                        Socket.class, ServerSocket.class, DatagramSocket.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..")
                .because("storage and network are the actor's; the core only returns what to persist or send")
                .allowEmptyShould(true);
    }

    static ArchRule noUnseededRandomness(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().callCodeUnitWhere(createsUnseededRandomness())
                .because("randomness is injected, so a seed replays a run; only "
                        + SYSTEM_RANDOM_KEY_GENERATION + " may draw from the system")
                .allowEmptyShould(true);
    }

    /** {@code Instant.now()}, {@code LocalDateTime.now()} and every other {@code now} of java.time. */
    private static DescribedPredicate<JavaCall<?>> readsTheClock() {
        return DescribedPredicate.describe("a java.time now() method",
                call -> call.getName().equals("now") && call.getTargetOwner().getPackageName().equals("java.time"));
    }

    private static DescribedPredicate<JavaCall<?>> createsUnseededRandomness() {
        return DescribedPredicate.describe("a source of unseeded randomness (new SecureRandom(), new Random(), "
                + "SecureRandom.getInstance*, Math.random, ThreadLocalRandom, UUID.randomUUID)", call -> {
                    if (call.getOrigin().getFullName().equals(SYSTEM_RANDOM_KEY_GENERATION)) {
                        return false;
                    }
                    String owner = call.getTargetOwner().getName();
                    String name = call.getName();
                    boolean constructor = call instanceof JavaConstructorCall;
                    if (owner.equals(SecureRandom.class.getName())) {
                        return constructor || name.startsWith("getInstance");
                    }
                    if (owner.equals(Random.class.getName())) {
                        // new Random(seed) replays; new Random() does not.
                        return constructor && call.getTarget().getRawParameterTypes().isEmpty();
                    }
                    return (owner.equals(Math.class.getName()) || owner.equals(StrictMath.class.getName()))
                            && name.equals("random")
                            || owner.equals(ThreadLocalRandom.class.getName())
                            || owner.equals(UUID.class.getName()) && name.equals("randomUUID");
                });
    }
}
