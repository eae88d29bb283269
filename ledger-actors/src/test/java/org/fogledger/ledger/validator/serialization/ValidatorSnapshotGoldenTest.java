package org.fogledger.ledger.validator.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.testing.GoldenHexFile;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes of a validator snapshot, like {@link ValidatorEventGoldenTest} pins the journal's: a snapshot
 * written by this version must be readable by every later one. A deliberate change (a {@code -v2} manifest)
 * rewrites the file with {@code -Dgolden.regenerate=true}; the rewritten file is reviewed and committed like code.
 */
class ValidatorSnapshotGoldenTest {
    private static final String REGENERATE_PROPERTY = "golden.regenerate";
    private static final Path FILE = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden",
            "validator-snapshot-v1.hex");
    private static final ValidatorSnapshotSerializer SERIALIZER = new ValidatorSnapshotSerializer(CodecLimits.DEFAULT);

    @Test
    void theSnapshotEncodesToTheCommittedBytesAndTheyDecodeBack() throws Exception {
        byte[] bytes = SERIALIZER.toBinary(ValidatorSnapshotFixtures.SNAPSHOT);
        if (Boolean.getBoolean(REGENERATE_PROPERTY)) {
            GoldenHexFile.write(FILE, "FogLedger golden vector, validator snapshot format version 1: committed up to "
                            + "block 2, block 3 stored, voted in round 4, three senders' nonces",
                    "ValidatorSnapshotGoldenTest", REGENERATE_PROPERTY, bytes);
            return;
        }
        if (!Files.exists(FILE)) {
            fail("golden vector " + FILE + " is missing. Create it deliberately with: mvn -B -pl ledger-actors test "
                    + "-Dtest=ValidatorSnapshotGoldenTest -D" + REGENERATE_PROPERTY + "=true");
        }
        byte[] committed = GoldenHexFile.read(FILE);
        if (!Arrays.equals(committed, bytes)) {
            fail("the snapshot encoding changed: committed " + committed.length + " bytes, now " + bytes.length
                    + ", first difference at byte " + Arrays.mismatch(committed, bytes) + ". Snapshots already "
                    + "written must stay readable: fix the change, or add a new manifest version.");
        }
        Object decoded = SERIALIZER.fromBinary(committed, ValidatorSnapshotSerializer.SNAPSHOT_MANIFEST);
        assertEquals(ValidatorSnapshotFixtures.SNAPSHOT, decoded);
        assertArrayEquals(committed, SERIALIZER.toBinary(decoded));
    }
}
