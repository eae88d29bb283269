package org.fogledger.ledger.contract.consent;

import java.util.List;
import java.util.Set;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.StepMeter;

/**
 * Checks terms before they are granted: required fields, vocabularies, reference kinds, periods and limits.
 * Every refusal (code {@code invalid-consent}) names the field by its path from {@code root}: with root
 * {@code Consent}, that is the path of the same element in the FHIR document it came from, since the model keeps
 * FHIR's names and list positions.
 */
final class ConsentTermsValidator {
    static final String CODE = "invalid-consent";

    private static final Set<ReferenceKind> PARTIES =
            Set.of(ReferenceKind.KEY, ReferenceKind.ROLE, ReferenceKind.ORGANIZATION);

    private final StepMeter meter;
    private int provisions;

    private ConsentTermsValidator(StepMeter meter) {
        this.meter = meter;
    }

    static void validate(ConsentTerms terms, String root, StepMeter meter) {
        new ConsentTermsValidator(meter).terms(terms, root);
    }

    private void terms(ConsentTerms terms, String root) {
        meter.charge();
        String scopePath = root + ".scope";
        required(scopePath, terms.scope());
        coding(scopePath, terms.scope());
        if (!ConsentVocabulary.isScope(terms.scope())) {
            throw refuse(scopePath, "'" + terms.scope() + "' is not supported: only "
                    + FhirSystems.CONSENT_SCOPE + " " + ConsentVocabulary.SCOPES
                    + " (consents to share data; treatment consents and advance directives are not modelled)");
        }
        if (terms.category().isEmpty()) {
            throw refuse(root + ".category", "needs at least one entry");
        }
        list(root + ".category", terms.category());
        for (int i = 0; i < terms.category().size(); i++) {
            coding(root + ".category[" + i + "]", terms.category().get(i));
        }
        if (terms.dateTime() != null && !FhirTime.isDateTime(terms.dateTime())) {
            throw refuse(root + ".dateTime", "'" + abbreviate(terms.dateTime())
                    + "' is not a FHIR dateTime (e.g. 2025-01-31 or 2025-01-31T09:30:00+01:00)");
        }
        list(root + ".performer", terms.performer());
        for (int i = 0; i < terms.performer().size(); i++) {
            reference(root + ".performer[" + i + "]", terms.performer().get(i), PARTIES);
        }
        list(root + ".organization", terms.organization());
        for (int i = 0; i < terms.organization().size(); i++) {
            reference(root + ".organization[" + i + "]", terms.organization().get(i),
                    Set.of(ReferenceKind.ORGANIZATION));
        }
        list(root + ".policy", terms.policy());
        for (int i = 0; i < terms.policy().size(); i++) {
            String path = root + ".policy[" + i + "]";
            Policy policy = terms.policy().get(i);
            required(path, policy);
            if (policy.authority() == null && policy.uri() == null) {
                throw refuse(path, "needs an authority or a uri");
            }
            if (policy.authority() != null) {
                uri(path + ".authority", policy.authority());
            }
            if (policy.uri() != null) {
                uri(path + ".uri", policy.uri());
            }
        }
        if (terms.policyRule() != null) {
            coding(root + ".policyRule", terms.policyRule());
        } else if (terms.policy().isEmpty()) {
            throw refuse(root + ".policyRule",
                    "is required when there is no policy (FHIR invariant ppc-1: a policy or a policyRule)");
        }
        required(root + ".provision", terms.provision());
        provision(root + ".provision", terms.provision(), 1);
    }

    private void provision(String path, Provision provision, int depth) {
        meter.charge();
        required(path, provision);
        if (depth > ConsentLimits.MAX_DEPTH) {
            throw refuse(path, "nests deeper than the limit of " + ConsentLimits.MAX_DEPTH + " levels");
        }
        if (++provisions > ConsentLimits.MAX_PROVISIONS) {
            throw refuse(path, "exceeds the limit of " + ConsentLimits.MAX_PROVISIONS + " provisions in one consent");
        }
        required(path + ".type", provision.type());
        period(path + ".period", provision.period());
        list(path + ".actor", provision.actor());
        for (int i = 0; i < provision.actor().size(); i++) {
            String actorPath = path + ".actor[" + i + "]";
            ProvisionActor actor = provision.actor().get(i);
            required(actorPath, actor);
            required(actorPath + ".role", actor.role());
            coding(actorPath + ".role", actor.role());
            if (!ConsentVocabulary.isRecipientRole(actor.role())) {
                throw refuse(actorPath + ".role", "'" + actor.role() + "' is not supported: only recipient roles "
                        + ConsentVocabulary.RECIPIENT_ROLES + ", since a decision is asked about a recipient");
            }
            required(actorPath + ".reference", actor.reference());
            reference(actorPath + ".reference", actor.reference(), PARTIES);
        }
        list(path + ".action", provision.action());
        for (int i = 0; i < provision.action().size(); i++) {
            String actionPath = path + ".action[" + i + "]";
            Coding action = provision.action().get(i);
            coding(actionPath, action);
            if (ConsentAction.of(action).isEmpty()) {
                throw refuse(actionPath, "'" + action + "' is not a supported action: "
                        + ConsentAction.describeAll());
            }
        }
        list(path + ".purpose", provision.purpose());
        for (int i = 0; i < provision.purpose().size(); i++) {
            String purposePath = path + ".purpose[" + i + "]";
            Coding purpose = provision.purpose().get(i);
            coding(purposePath, purpose);
            if (!PurposeOfUse.SYSTEM.equals(purpose.system()) || !PurposeOfUse.isCode(purpose.code())) {
                throw refuse(purposePath, "'" + purpose + "' is not a v3 PurposeOfUse code of "
                        + PurposeOfUse.SYSTEM + " (e.g. TREAT, HPAYMT, HOPERAT, HRESCH, PUBHLTH)");
            }
        }
        list(path + ".class", provision.dataClass());
        for (int i = 0; i < provision.dataClass().size(); i++) {
            coding(path + ".class[" + i + "]", provision.dataClass().get(i));
        }
        period(path + ".dataPeriod", provision.dataPeriod());
        list(path + ".data", provision.data());
        for (int i = 0; i < provision.data().size(); i++) {
            String dataPath = path + ".data[" + i + "]";
            ProvisionData data = provision.data().get(i);
            required(dataPath, data);
            required(dataPath + ".meaning", data.meaning());
            if (!data.meaning().supported()) {
                throw refuse(dataPath + ".meaning", "'" + data.meaning().code() + "' is not supported: only"
                        + " 'dependents' and 'authoredby', which select the readings of the referenced device");
            }
            required(dataPath + ".reference", data.reference());
            reference(dataPath + ".reference", data.reference(), Set.of(ReferenceKind.DEVICE));
        }
        list(path + ".provision", provision.provision());
        for (int i = 0; i < provision.provision().size(); i++) {
            provision(path + ".provision[" + i + "]", provision.provision().get(i), depth + 1);
        }
    }

    private void period(String path, Period period) {
        if (period == null) {
            return;
        }
        if (period.start() == null && period.end() == null) {
            throw refuse(path, "needs a start or an end");
        }
        time(path + ".start", period.start());
        time(path + ".end", period.end());
        if (period.start() != null && period.end() != null && period.start() > period.end()) {
            throw refuse(path, "starts at " + FhirTime.format(period.start()) + ", after its end "
                    + FhirTime.format(period.end()));
        }
    }

    private static void time(String path, Long millis) {
        if (millis != null && (millis < FhirTime.MIN || millis > FhirTime.MAX)) {
            throw refuse(path, "(" + millis + " ms) is outside FHIR's years 0001-9999");
        }
    }

    private void reference(String path, Reference reference, Set<ReferenceKind> allowed) {
        meter.charge();
        required(path, reference);
        required(path + ".kind", reference.kind());
        if (!allowed.contains(reference.kind())) {
            throw refuse(path, "is a " + reference.kind().jsonName() + " reference, which is not allowed here: only "
                    + kinds(allowed));
        }
        String valuePath = path + ".value";
        required(valuePath, reference.value());
        if (reference.kind() == ReferenceKind.KEY) {
            text(valuePath, reference.value(), ConsentLimits.MAX_KEY_LENGTH);
            String canonical;
            try {
                canonical = ContractJson.hex(ContractJson.publicKeyFromHex(reference.value()));
            } catch (RuntimeException e) {
                throw refuse(valuePath, "'" + abbreviate(reference.value()) + "' is not a public key as tagged hex"
                        + " (01 + 64 hex digits for Ed25519): " + e.getMessage());
            }
            if (!canonical.equals(reference.value())) {
                throw refuse(valuePath, "must be written in lowercase hex, as '" + abbreviate(canonical) + "'");
            }
        } else {
            text(valuePath, reference.value(), ConsentLimits.MAX_CODE_LENGTH);
        }
        if (reference.display() != null) {
            text(path + ".display", reference.display(), ConsentLimits.MAX_TEXT_LENGTH);
        }
    }

    private void coding(String path, Coding coding) {
        meter.charge();
        required(path, coding);
        required(path + ".system", coding.system());
        uri(path + ".system", coding.system());
        required(path + ".code", coding.code());
        text(path + ".code", coding.code(), ConsentLimits.MAX_CODE_LENGTH);
        if (coding.display() != null) {
            text(path + ".display", coding.display(), ConsentLimits.MAX_TEXT_LENGTH);
        }
    }

    private void list(String path, List<?> list) {
        meter.charge(list.size());
        if (list.size() > ConsentLimits.MAX_LIST_ENTRIES) {
            throw refuse(path, "has " + list.size() + " entries, over the limit of " + ConsentLimits.MAX_LIST_ENTRIES);
        }
    }

    private static void uri(String path, String uri) {
        text(path, uri, ConsentLimits.MAX_TEXT_LENGTH);
        for (int i = 0; i < uri.length(); i++) {
            if (Character.isWhitespace(uri.charAt(i))) {
                throw refuse(path, "'" + abbreviate(uri) + "' is not a URI: it contains whitespace");
            }
        }
    }

    /** FHIR strings are never empty and have no surrounding whitespace; ours are also bounded. */
    private static void text(String path, String text, int maxLength) {
        if (text.isEmpty()) {
            throw refuse(path, "must not be empty");
        }
        if (text.length() > maxLength) {
            throw refuse(path, "has " + text.length() + " characters, over the limit of " + maxLength);
        }
        if (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1))) {
            throw refuse(path, "'" + abbreviate(text) + "' has leading or trailing whitespace");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw refuse(path, "contains a control character at position " + i);
            }
        }
    }

    private static void required(String path, Object value) {
        if (value == null) {
            throw refuse(path, "is required");
        }
    }

    private static String kinds(Set<ReferenceKind> kinds) {
        StringBuilder out = new StringBuilder();
        for (ReferenceKind kind : ReferenceKind.values()) {
            if (kinds.contains(kind)) {
                out.append(out.isEmpty() ? "" : ", ").append(kind.jsonName()).append(" (").append(kind.system())
                        .append(')');
            }
        }
        return out.toString();
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static ContractRefusal refuse(String path, String message) {
        return new ContractRefusal(CODE, path + " " + message);
    }
}
