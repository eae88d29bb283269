package org.fogledger.ledger.contract.consent;

/**
 * Bounds on what one owner's consents may hold. They keep a grant's validation and every decision small and of
 * known cost: a decision visits at most {@link #MAX_PROVISIONS} provisions per consent in force.
 */
public final class ConsentLimits {
    /** Consents one owner may have, withdrawn ones included (they still answer questions about the past). */
    public static final int MAX_CONSENTS = 1_024;
    /** Provisions in one consent, at all depths. */
    public static final int MAX_PROVISIONS = 128;
    /** Levels of provisions: the base provision is level 1, its exceptions level 2, and so on. */
    public static final int MAX_DEPTH = 8;
    /** Entries in any one list (categories, actors, actions, purposes, classes, data, nested provisions). */
    public static final int MAX_LIST_ENTRIES = 64;
    /** Characters of a code, an id, a role or any identifier value (a tagged ML-DSA key's hex is longer). */
    public static final int MAX_CODE_LENGTH = 256;
    /** Characters of a system URI, a display text or a policy URI. */
    public static final int MAX_TEXT_LENGTH = 1_024;
    /** Characters of a key value: an ML-DSA-65 public key is 1,952 bytes, tagged hex 3,906 characters. */
    public static final int MAX_KEY_LENGTH = 4_096;

    private ConsentLimits() {
    }
}
