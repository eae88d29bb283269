package org.fogledger.ledger.validator.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.validator.ValidatorEvent;
import org.fogledger.ledger.testing.GoldenHexFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Pins the bytes of the validator journal, in the style of the chain's {@code GoldenVectorsTest} (same files, same
 * switch): a journal written by this version must be readable by every later one, so within format version 1
 * these bytes never change. A deliberate change (a {@code -v2} manifest) rewrites the files with
 * {@code -Dgolden.regenerate=true}; the rewritten files are reviewed and committed like code.
 */
class ValidatorEventGoldenTest {
    private static final String REGENERATE_PROPERTY = "golden.regenerate";
    private static final String HOW_TO_REGENERATE = "mvn -B -pl ledger-actors test -Dtest=ValidatorEventGoldenTest -D"
            + REGENERATE_PROPERTY + "=true";
    private static final Path DIR = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden");
    private static final ValidatorEventSerializer SERIALIZER = new ValidatorEventSerializer(CodecLimits.DEFAULT);

    private record Vector(String file, String description, ValidatorEvent event, String manifest) {
    }

    private static List<Vector> vectors() {
        return List.of(
                new Vector("validator-event-safety-state-v1.hex",
                        "SafetyStateSaved: highest voted round 2, locked on block 1, high QC of block 2",
                        ValidatorEventFixtures.SAFETY_STATE, ValidatorEventSerializer.SAFETY_STATE_MANIFEST),
                new Vector("validator-event-block-stored-v1.hex",
                        "BlockStored: block 2 (one transaction) with the QC of block 1",
                        ValidatorEventFixtures.BLOCK_STORED, ValidatorEventSerializer.BLOCK_STORED_MANIFEST),
                new Vector("validator-event-blocks-committed-v1.hex",
                        "BlocksCommitted: blocks 1 and 2, each with its certificate",
                        ValidatorEventFixtures.BLOCKS_COMMITTED, ValidatorEventSerializer.BLOCKS_COMMITTED_MANIFEST));
    }

    @TestFactory
    Stream<DynamicTest> eventsEncodeToTheCommittedBytes() {
        boolean regenerate = Boolean.getBoolean(REGENERATE_PROPERTY);
        return vectors().stream().map(v -> DynamicTest.dynamicTest(v.file(), () -> {
            Path path = DIR.resolve(v.file());
            byte[] bytes = SERIALIZER.toBinary(v.event());
            if (regenerate) {
                write(path, v.description(), bytes);
                return;
            }
            if (!Files.exists(path)) {
                fail("golden vector " + path + " is missing. Create it deliberately with: " + HOW_TO_REGENERATE);
            }
            byte[] committed = read(path);
            if (!Arrays.equals(committed, bytes)) {
                fail("golden vector " + v.file() + " (" + v.description() + "): the journal encoding changed. "
                        + "Committed " + committed.length + " bytes, now " + bytes.length + ", first difference at "
                        + "byte " + Arrays.mismatch(committed, bytes) + ".\nJournals already written must stay "
                        + "readable: fix the change, or add a new manifest version. If deliberate, regenerate with `"
                        + HOW_TO_REGENERATE + "`, review the diff of ledger-actors/src/test/resources/golden/ and "
                        + "commit it.");
            }
        }));
    }

    /** The committed bytes still decode to the event, and re-encode to themselves: old journals stay readable. */
    @TestFactory
    Stream<DynamicTest> committedBytesDecode() {
        return vectors().stream().map(v -> DynamicTest.dynamicTest(v.file(), () -> {
            Path path = DIR.resolve(v.file());
            if (!Files.exists(path)) {
                if (!Boolean.getBoolean(REGENERATE_PROPERTY)) {
                    fail("missing " + path);
                }
                return;
            }
            byte[] committed = read(path);
            Object event = SERIALIZER.fromBinary(committed, v.manifest());
            assertEquals(v.event(), event);
            assertArrayEquals(committed, SERIALIZER.toBinary(event), v.file() + " no longer round-trips");
        }));
    }

    private static byte[] read(Path path) {
        return GoldenHexFile.read(path);
    }

    private static void write(Path path, String description, byte[] bytes) {
        GoldenHexFile.write(path, "FogLedger golden vector, validator journal format version 1: " + description,
                "ValidatorEventGoldenTest", REGENERATE_PROPERTY, bytes);
    }
}
