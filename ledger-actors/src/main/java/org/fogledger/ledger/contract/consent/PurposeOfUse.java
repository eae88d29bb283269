package org.fogledger.ledger.contract.consent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The purposes a consent may name: the HL7 v3 PurposeOfUse value set as FHIR R4 (4.0.1) expands it, the 60
 * concepts of v3 ActReason (release 2018-08-12) that are {@code PurposeOfUse} or below it, with their is-a
 * hierarchy. A provision that names a purpose covers that purpose and everything below it: consent to TREAT
 * covers ETREAT and BTG, consent to HRESCH covers CLINTRCH. The root, PurposeOfUse, covers every purpose.
 *
 * <p>Each concept has a bit (60 fit a {@code long}), so the decision point tests a purpose against a provision's
 * purposes, descendants included, with one AND.
 */
public final class PurposeOfUse {
    public static final String SYSTEM = FhirSystems.ACT_REASON;
    public static final String ROOT = "PurposeOfUse";

    private record Concept(String code, String parent, String display) {
    }

    // Depth-first, parents before children: the order of the R4 expansion.
    private static final List<Concept> CONCEPTS = List.of(
            entry("PurposeOfUse", null, "purpose of use"),
            entry("HMARKT", "PurposeOfUse", "healthcare marketing"),
            entry("HOPERAT", "PurposeOfUse", "healthcare operations"),
            entry("CAREMGT", "HOPERAT", "care management"),
            entry("DONAT", "HOPERAT", "donation"),
            entry("FRAUD", "HOPERAT", "fraud"),
            entry("GOV", "HOPERAT", "government"),
            entry("HACCRED", "HOPERAT", "health accreditation"),
            entry("HCOMPL", "HOPERAT", "health compliance"),
            entry("HDECD", "HOPERAT", "decedent"),
            entry("HDIRECT", "HOPERAT", "directory"),
            entry("HDM", "HOPERAT", "healthcare delivery management"),
            entry("HLEGAL", "HOPERAT", "legal"),
            entry("HOUTCOMS", "HOPERAT", "health outcome measure"),
            entry("HPRGRP", "HOPERAT", "health program reporting"),
            entry("HQUALIMP", "HOPERAT", "health quality improvement"),
            entry("HSYSADMIN", "HOPERAT", "health system administration"),
            entry("LABELING", "HSYSADMIN", "labeling"),
            entry("METAMGT", "HSYSADMIN", "metadata management"),
            entry("MEMADMIN", "HOPERAT", "member administration"),
            entry("MILCDM", "HOPERAT", "military command"),
            entry("PATADMIN", "HOPERAT", "patient administration"),
            entry("PATSFTY", "HOPERAT", "patient safety"),
            entry("PERFMSR", "HOPERAT", "performance measure"),
            entry("RECORDMGT", "HOPERAT", "records management"),
            entry("SYSDEV", "HOPERAT", "system development"),
            entry("HTEST", "SYSDEV", "test health data"),
            entry("TRAIN", "HOPERAT", "training"),
            entry("HPAYMT", "PurposeOfUse", "healthcare payment"),
            entry("CLMATTCH", "HPAYMT", "claim attachment"),
            entry("COVAUTH", "HPAYMT", "coverage authorization"),
            entry("COVERAGE", "HPAYMT", "coverage under policy or program"),
            entry("ELIGDTRM", "COVERAGE", "eligibility determination"),
            entry("ELIGVER", "COVERAGE", "eligibility verification"),
            entry("ENROLLM", "COVERAGE", "enrollment"),
            entry("MILDCRG", "COVERAGE", "military discharge"),
            entry("REMITADV", "HPAYMT", "remittance advice"),
            entry("HRESCH", "PurposeOfUse", "healthcare research"),
            entry("BIORCH", "HRESCH", "biomedical research"),
            entry("CLINTRCH", "HRESCH", "clinical trial research"),
            entry("CLINTRCHNPC", "CLINTRCH", "clinical trial research without patient care"),
            entry("CLINTRCHPC", "CLINTRCH", "clinical trial research with patient care"),
            entry("PRECLINTRCH", "CLINTRCH", "preclinical trial research"),
            entry("DSRCH", "HRESCH", "disease specific healthcare research"),
            entry("POARCH", "HRESCH", "population origins or ancestry healthcare research"),
            entry("TRANSRCH", "HRESCH", "translational healthcare research"),
            entry("PATRQT", "PurposeOfUse", "patient requested"),
            entry("FAMRQT", "PATRQT", "family requested"),
            entry("PWATRNY", "PATRQT", "power of attorney"),
            entry("SUPNWK", "PATRQT", "support network"),
            entry("PUBHLTH", "PurposeOfUse", "public health"),
            entry("DISASTER", "PUBHLTH", "disaster"),
            entry("THREAT", "PUBHLTH", "threat"),
            entry("TREAT", "PurposeOfUse", "treatment"),
            entry("CLINTRL", "TREAT", "clinical trial"),
            entry("COC", "TREAT", "coordination of care"),
            entry("ETREAT", "TREAT", "Emergency Treatment"),
            entry("BTG", "ETREAT", "break the glass"),
            entry("ERTREAT", "ETREAT", "emergency room treatment"),
            entry("POPHLTH", "TREAT", "population health")
    );

    private static final Map<String, Integer> INDEX;
    private static final long[] COVERED;

    static {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < CONCEPTS.size(); i++) {
            index.put(CONCEPTS.get(i).code(), i);
        }
        INDEX = Collections.unmodifiableMap(index);
        long[] covered = new long[CONCEPTS.size()];
        for (int i = 0; i < CONCEPTS.size(); i++) {
            // Every concept covers itself and is covered by each of its ancestors.
            for (String code = CONCEPTS.get(i).code(); code != null; code = CONCEPTS.get(index.get(code)).parent()) {
                covered[index.get(code)] |= 1L << i;
            }
        }
        COVERED = covered;
    }

    private PurposeOfUse() {
    }

    private static Concept entry(String code, String parent, String display) {
        return new Concept(code, parent, display);
    }

    public static boolean isCode(String code) {
        return code != null && INDEX.containsKey(code);
    }

    /** The concept's own bit. */
    public static long bit(String code) {
        return 1L << indexOf(code);
    }

    /** The bits of the concept and all its descendants: what a provision naming it covers. */
    public static long coverage(String code) {
        return COVERED[indexOf(code)];
    }

    /** Whether consent for {@code general} covers a use for {@code specific} (equal, or an ancestor of it). */
    public static boolean covers(String general, String specific) {
        return (coverage(general) & bit(specific)) != 0;
    }

    public static String display(String code) {
        return CONCEPTS.get(indexOf(code)).display();
    }

    /** The parent concept, or null for the root. */
    public static String parent(String code) {
        return CONCEPTS.get(indexOf(code)).parent();
    }

    /** All codes, parents before children. */
    public static List<String> codes() {
        List<String> codes = new ArrayList<>(CONCEPTS.size());
        for (Concept concept : CONCEPTS) {
            codes.add(concept.code());
        }
        return Collections.unmodifiableList(codes);
    }

    private static int indexOf(String code) {
        Integer index = INDEX.get(code);
        if (index == null) {
            throw new IllegalArgumentException("'" + code + "' is not a v3 PurposeOfUse code (" + SYSTEM + ")");
        }
        return index;
    }
}
