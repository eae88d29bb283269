package org.fogledger.ledger.contract.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.StepBudgetExceeded;
import org.fogledger.ledger.contract.StepMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Places in the hierarchy: one spelling per place, bounded, and compared by subtree. */
class DevicePathTest {

    private static String validate(String path) {
        return DevicePath.validate(path, "test", "location", new StepMeter(1_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/eu", "/eu/fr/lyon/hospital-a/ward-3", "/0/1-2/a--b", "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p"})
    void valid_paths_are_accepted_as_written(String path) {
        assertEquals(path, validate(path));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''| 'test: field ''location'' '''' must start with ''/'' (e.g. /eu/fr/lyon/hospital-a/ward-3)'",
            "/| 'test: field ''location'' ''/'' has an empty segment 1 (trailing ''/'')'",
            "/eu/| 'test: field ''location'' ''/eu/'' has an empty segment 2 (trailing ''/'')'",
            "/eu//fr| 'test: field ''location'' ''/eu//fr'' has an empty segment 2 (''//'')'",
            "/eu/Fr| 'test: field ''location'' segment 2 ''Fr'' of ''/eu/Fr'' may only hold a-z, 0-9 and ''-'''",
            "/eu/f r| 'test: field ''location'' segment 2 ''f r'' of ''/eu/f r'' may only hold a-z, 0-9 and ''-'''",
            "/eu/../fr| 'test: field ''location'' segment 2 ''..'' of ''/eu/../fr'' may only hold a-z, 0-9 and ''-'''",
            "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q| 'test: field ''location'' ''/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q'' is"
                    + " deeper than 16 segments'"})
    void invalid_paths_are_refused_with_the_rule_they_break(String path, String reason) {
        ContractRefusal refusal = assertThrows(ContractRefusal.class, () -> validate(path));
        assertEquals("malformed-payload", refusal.code());
        assertEquals(reason, refusal.getMessage());
    }

    @Test
    void segment_and_total_lengths_are_bounded() {
        validate("/" + "a".repeat(63));
        assertTrue(assertThrows(ContractRefusal.class, () -> validate("/" + "a".repeat(64))).getMessage()
                .endsWith("segment 1 of '/" + "a".repeat(64) + "' is 64 characters long, more than 63"));
        String longest = ("/" + "a".repeat(62)).repeat(4) + "/" + "b".repeat(2);
        assertEquals(255, longest.length());
        validate(longest);
        assertTrue(assertThrows(ContractRefusal.class, () -> validate(longest + "b")).getMessage()
                .endsWith("is 256 characters long, more than 255"));
    }

    @Test
    void checking_a_path_is_metered_per_segment() {
        StepMeter meter = new StepMeter(3);
        assertThrows(StepBudgetExceeded.class, () -> DevicePath.validate("/a/b/c/d", "test", "location", meter));
    }

    @Test
    void a_path_is_within_its_own_subtree_and_its_ancestors_only() {
        assertTrue(DevicePath.isWithin("/eu/fr/lyon/ward-3", "/eu/fr"));
        assertTrue(DevicePath.isWithin("/eu/fr/lyon/ward-3", "/eu/fr/lyon/ward-3"));
        assertFalse(DevicePath.isWithin("/eu/fr/lyon/ward-3", "/eu/f"), "a prefix that is not a whole segment");
        assertFalse(DevicePath.isWithin("/eu/fr", "/eu/fr/lyon"));
        assertFalse(DevicePath.isWithin("/eu/fr", "/eu/de"));
    }
}
