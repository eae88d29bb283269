package org.fogledger.ledger.contract.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The v3 PurposeOfUse vocabulary as FHIR R4 expands it (ActReason 2018-08-12), and what covers what. */
class PurposeOfUseTest {

    @Test
    void holds_the_sixty_concepts_of_the_r4_expansion_parents_first() {
        List<String> codes = PurposeOfUse.codes();
        assertEquals(60, codes.size());
        assertEquals(60, new HashSet<>(codes).size());
        assertEquals(PurposeOfUse.ROOT, codes.get(0));
        for (String code : codes) {
            String parent = PurposeOfUse.parent(code);
            assertTrue(parent == null || codes.indexOf(parent) < codes.indexOf(code), code);
        }
    }

    @Test
    void keeps_the_r4_hierarchy() {
        assertEquals("PurposeOfUse", PurposeOfUse.parent("TREAT"));
        assertEquals("TREAT", PurposeOfUse.parent("ETREAT"));
        assertEquals("ETREAT", PurposeOfUse.parent("BTG"));
        assertEquals("HRESCH", PurposeOfUse.parent("CLINTRCH"));
        assertEquals("CLINTRCH", PurposeOfUse.parent("CLINTRCHNPC"));
        assertEquals("HSYSADMIN", PurposeOfUse.parent("LABELING"));
        assertEquals("SYSDEV", PurposeOfUse.parent("HTEST"));
        assertEquals("COVERAGE", PurposeOfUse.parent("MILDCRG"));
        assertEquals("PUBHLTH", PurposeOfUse.parent("THREAT"));
        assertEquals("healthcare payment", PurposeOfUse.display("HPAYMT"));
    }

    @Test
    void a_purpose_covers_itself_and_what_is_below_it_only() {
        assertTrue(PurposeOfUse.covers("TREAT", "TREAT"));
        assertTrue(PurposeOfUse.covers("TREAT", "BTG"));
        assertTrue(PurposeOfUse.covers("HRESCH", "CLINTRCHPC"));
        assertTrue(PurposeOfUse.covers("HOPERAT", "METAMGT"));
        assertFalse(PurposeOfUse.covers("BTG", "TREAT"));
        assertFalse(PurposeOfUse.covers("TREAT", "HPAYMT"));
        assertFalse(PurposeOfUse.covers("ETREAT", "POPHLTH"));
        for (String code : PurposeOfUse.codes()) {
            assertTrue(PurposeOfUse.covers(PurposeOfUse.ROOT, code), code);
        }
    }

    @Test
    void knows_no_other_code() {
        assertFalse(PurposeOfUse.isCode("treat"));
        assertFalse(PurposeOfUse.isCode("_ActHealthInformationManagementReason"));
        assertFalse(PurposeOfUse.isCode("OVRER"), "an override reason, outside PurposeOfUse in R4");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PurposeOfUse.coverage("SNOOPING"));
        assertTrue(refused.getMessage().contains("'SNOOPING' is not a v3 PurposeOfUse code"));
    }
}
