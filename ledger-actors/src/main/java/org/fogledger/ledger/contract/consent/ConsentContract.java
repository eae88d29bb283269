package org.fogledger.ledger.contract.consent;

import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;

/**
 * The consent contract: one instance per data owner, addressed {@code consent/<owner key id hex>}, where the
 * owner grants third parties rights over the data of their devices and withdraws them, and anyone asks what those
 * rights are. Only the owner can change the instance: every command must come in a transaction signed by the key
 * whose key id is the instance key.
 *
 * <p>Commands:
 * <ul>
 *   <li>{@code grant}: payload {@link ConsentTerms}; missing scope, category, policy rule and actor roles get
 *       their defaults. Answers {@code granted} with the consent id, the hex hash of the granting transaction.</li>
 *   <li>{@code import-fhir}: payload a FHIR R4 Consent (JSON), read by {@link FhirConsentReader}; answers as
 *       {@code grant} does.</li>
 *   <li>{@code withdraw}: payload {@code {"consentId": ...}}; the consent stops deciding from this block's time
 *       on, and its history keeps both the grant and the withdrawal.</li>
 * </ul>
 * Queries: {@code state}; {@code consent} and {@code export-fhir} with {@code {"consentId": ...}} (the record with
 * its status history, or the FHIR document); {@code decide} with a {@link DecisionRequest}, answered by
 * {@link ConsentDecisionPoint} as a {@link Decision}.
 */
public final class ConsentContract implements Contract<ConsentState, ConsentEvent> {
    public static final String NAME = "consent";
    public static final String GRANT = "grant";
    public static final String IMPORT_FHIR = "import-fhir";
    public static final String WITHDRAW = "withdraw";
    public static final String QUERY_CONSENT = "consent";
    public static final String QUERY_EXPORT_FHIR = "export-fhir";
    public static final String QUERY_DECIDE = "decide";

    /** Names one consent: the payload of {@code withdraw}, the argument of {@code consent} and {@code export-fhir}. */
    public record ConsentIdArgument(String consentId) {
    }

    /** The data of a successful {@code grant} or {@code import-fhir}. */
    public record GrantReceipt(String consentId) {
    }

    /** The data of a successful {@code withdraw}: the block time from which the consent no longer decides. */
    public record WithdrawalReceipt(String consentId, long effectiveFrom) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<ConsentState> stateType() {
        return ConsentState.class;
    }

    @Override
    public Class<ConsentEvent> eventType() {
        return ConsentEvent.class;
    }

    @Override
    public ConsentState initialState(String instance) {
        return ConsentState.empty(instance);
    }

    @Override
    public Outcome<ConsentEvent> handle(ConsentState state, Invocation invocation, StepMeter meter) {
        ExecutionContext context = invocation.context();
        authorize(state, invocation);
        return switch (invocation.command()) {
            case GRANT -> {
                ConsentTerms terms = ContractJson.read(invocation.payload(), ConsentTerms.class, "consent.grant")
                        .withDefaults();
                ConsentTermsValidator.validate(terms, "grant", meter);
                yield grant(state, terms, context);
            }
            case IMPORT_FHIR -> grant(state, FhirConsentReader.read(invocation.payload(), context.sender(), meter),
                    context);
            case WITHDRAW -> withdraw(state, ContractJson.read(invocation.payload(), ConsentIdArgument.class,
                    "consent.withdraw").consentId(), context);
            default -> throw new ContractRefusal("unknown-command", "contract consent has no command '"
                    + invocation.command() + "' (grant, import-fhir, withdraw)");
        };
    }

    /** Only the owner, signing a transaction of their own: never another contract acting on someone's behalf. */
    private static void authorize(ConsentState state, Invocation invocation) {
        ExecutionContext context = invocation.context();
        if (context.isInternal()) {
            throw new ContractRefusal("not-owner", invocation.address() + " takes commands only from transactions"
                    + " signed by its owner, not from contract " + context.caller());
        }
        String signer = context.sender().keyId().hex();
        if (!signer.equals(state.ownerKeyId())) {
            throw new ContractRefusal("not-owner", invocation.address() + " belongs to the owner whose key id is"
                    + " its instance key; the transaction is signed by key id " + signer);
        }
    }

    private static Outcome<ConsentEvent> grant(ConsentState state, ConsentTerms terms, ExecutionContext context) {
        if (state.consents().size() >= ConsentLimits.MAX_CONSENTS) {
            throw new ContractRefusal("too-many-consents", "an owner holds at most " + ConsentLimits.MAX_CONSENTS
                    + " consents, withdrawn ones included");
        }
        String id = context.origin().hex();
        if (state.consents().containsKey(id)) {
            throw new ContractRefusal("duplicate-consent", "consent " + id + " already exists");
        }
        return Outcome.of(ContractResult.ok("granted", ContractJson.write(new GrantReceipt(id))),
                new ConsentEvent.Granted(id, context.sender(), terms, context.blockTimeMillis(), context.height()));
    }

    private static Outcome<ConsentEvent> withdraw(ConsentState state, String consentId, ExecutionContext context) {
        ConsentRecord record = find(state, consentId);
        if (record.status() == ConsentStatus.WITHDRAWN) {
            throw new ContractRefusal("already-withdrawn", "consent " + consentId + " was withdrawn at "
                    + record.withdrawnAt());
        }
        long at = context.blockTimeMillis();
        return Outcome.of(ContractResult.ok("withdrawn", ContractJson.write(new WithdrawalReceipt(consentId, at))),
                new ConsentEvent.Withdrawn(consentId, at, context.height()));
    }

    @Override
    public ConsentState apply(ConsentState state, ConsentEvent event) {
        if (event instanceof ConsentEvent.Granted granted) {
            return state.with(granted.owner(),
                    ConsentRecord.granted(granted.consentId(), granted.terms(), granted.at(), granted.height()));
        }
        ConsentEvent.Withdrawn withdrawn = (ConsentEvent.Withdrawn) event;
        return state.find(withdrawn.consentId())
                .map(record -> state.with(state.owner(), record.withdrawn(withdrawn.at(), withdrawn.height())))
                // Unreachable for events this contract emitted; apply stays total all the same.
                .orElse(state);
    }

    @Override
    public byte[] query(ConsentState state, String query, byte[] argument) {
        return switch (query) {
            case QUERY_CONSENT -> ContractJson.write(find(state, consentId(argument, "consent.consent")));
            case QUERY_EXPORT_FHIR -> FhirConsentWriter.writeBytes(
                    find(state, consentId(argument, "consent.export-fhir")), state.owner());
            case QUERY_DECIDE -> ContractJson.write(ConsentDecisionPoint.of(state)
                    .decide(ContractJson.read(argument, DecisionRequest.class, "consent.decide")));
            default -> Contract.super.query(state, query, argument);
        };
    }

    private static String consentId(byte[] argument, String what) {
        return ContractJson.read(argument, ConsentIdArgument.class, what).consentId();
    }

    private static ConsentRecord find(ConsentState state, String consentId) {
        if (consentId == null) {
            throw new ContractRefusal("malformed-payload", "consentId is required");
        }
        return state.find(consentId).orElseThrow(() -> new ContractRefusal("unknown-consent",
                "owner " + state.ownerKeyId() + " has no consent '" + ConsentTermsValidator.abbreviate(consentId)
                        + "'"));
    }
}
