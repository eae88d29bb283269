package org.fogledger.ledger.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The crypto package is plain, deterministic Java (ARCHITECTURE.md): no actors, no clocks, no threads, no I/O
 * beyond in-memory text. This pins it locally until the module-wide layering test covers it.
 */
class CryptoLayeringTest {
    /** The production classes only: those loaded from the same place as {@link Hash}, whatever the build dir. */
    private static final JavaClasses CRYPTO = new ClassFileImporter()
            .withImportOption(location -> location.contains(codeSource(Hash.class)))
            .importPackagesOf(Hash.class);

    private static String codeSource(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().getPath();
    }

    @Test
    void theImportSeesTheProductionClassesOnly() {
        if (!CRYPTO.contain(Verifier.class) || !CRYPTO.contain(Pem.class) || CRYPTO.contain(CryptoLayeringTest.class)) {
            throw new AssertionError("layering rules would check the wrong classes: " + CRYPTO);
        }
    }

    @Test
    void noPekko() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.pekko..").check(CRYPTO);
    }

    @Test
    void noThreadsOrExecutors() {
        noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName(Thread.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ThreadLocal.class.getName())
                .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
                .check(CRYPTO);
    }

    @Test
    void noClocks() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().dependOnClassesThat().resideInAPackage("java.time..")
                .check(CRYPTO);
    }

    @Test
    void noJdkSignatureApis() {
        // The JDK's EdDSA is about 10x slower than Bouncy Castle's low-level API on JDK 17 (ARCHITECTURE.md).
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("java.security.interfaces..", "java.security.spec..", "sun.security..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(java.security.Signature.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(java.security.KeyFactory.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(java.security.KeyPairGenerator.class.getName())
                .check(CRYPTO);
    }
}
