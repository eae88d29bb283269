package org.fogledger.ledger.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecLimitsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(65_536, CodecLimits.DEFAULT.maxTransactionBytes());
        assertEquals(61_440, CodecLimits.DEFAULT.maxPayloadBytes());
        assertEquals(8_388_608, CodecLimits.DEFAULT.maxBlockBytes());
        assertEquals(10_000, CodecLimits.DEFAULT.maxTransactionsPerBlock());
        assertEquals(1024, CodecLimits.DEFAULT.maxSignaturesPerCertificate());
        assertEquals(256, CodecLimits.DEFAULT.maxStringBytes());
    }

    @Test
    void fromMapOverridesOnlyTheKeysGiven() {
        CodecLimits limits = CodecLimits.fromMap(Map.of("max-string-bytes", 64, "max-block-bytes", "1048576"));
        assertEquals(CodecLimits.DEFAULT.withMaxStringBytes(64).withMaxBlockBytes(1_048_576), limits);
        assertEquals(CodecLimits.DEFAULT, CodecLimits.fromMap(Map.of()));
    }

    @Test
    void fromMapRefusesTyposAndNonsense() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> CodecLimits.fromMap(Map.of("max-payload-byte", 1)));
        assertEquals("unknown codec limit 'max-payload-byte'", typo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.fromMap(Map.of("max-string-bytes", 0)));
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.fromMap(Map.of("max-string-bytes", 1.5)));
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.fromMap(Map.of("max-string-bytes", "lots")));
        assertThrows(IllegalArgumentException.class,
                () -> CodecLimits.fromMap(Map.of("max-block-bytes", 5_000_000_000L)));
    }

    @Test
    void aPayloadLimitAboveTheTransactionLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.DEFAULT.withMaxPayloadBytes(70_000));
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.DEFAULT.withMaxBlockBytes(1000));
    }

    /** The node reads the fogledger.codec block of reference.conf; its defaults must be the code's. */
    @Test
    void referenceConfDefaultsAreTheCodeDefaults() {
        Map<String, Object> block = ConfigFactory.parseResources("reference.conf")
                .getConfig("fogledger.codec").root().unwrapped();
        assertEquals(CodecLimits.DEFAULT, CodecLimits.fromMap(block));
    }
}
