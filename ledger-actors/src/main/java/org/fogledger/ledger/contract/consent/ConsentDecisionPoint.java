package org.fogledger.ledger.contract.consent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Decides whether a data access is permitted by one owner's consents, and says which consent and provision
 * decided. Plain and immutable: the consent contract answers its {@code decide} query with it, and a gateway builds
 * one from its copy of the owner's state and asks it for every reading, from any thread.
 *
 * <p>Semantics, as FHIR R4's Consent:
 * <ul>
 *   <li>A consent takes part if it was in force at the request's time: granted at or before it, and not withdrawn
 *       at or before it. Withdrawal is never retroactive.</li>
 *   <li>Its base provision applies its type to every access it matches (see {@link Provision}); an access it does
 *       not match (another recipient, after its period...) is one the consent says nothing about.</li>
 *   <li>Nested provisions are exceptions: one that matches overrides its parent, recursively, so along a chain of
 *       matching provisions the deepest decides. When several sibling exceptions match, deny overrides permit (the
 *       first denying sibling in document order is reported).</li>
 *   <li>Among the consents that say something, deny overrides permit: one consent denying is enough to deny. The
 *       reported consent is the first, by id, with the winning answer.</li>
 *   <li>When no consent says anything, the answer is deny, "no consent".</li>
 * </ul>
 * Building compiles each provision's criteria into bit masks and arrays, so a decision is a handful of comparisons
 * per provision, without allocating beyond the request itself.
 */
public final class ConsentDecisionPoint {
    private final CompiledConsent[] consents;

    private ConsentDecisionPoint(CompiledConsent[] consents) {
        this.consents = consents;
    }

    public static ConsentDecisionPoint of(ConsentState state) {
        return of(state.consents().values());
    }

    /** A decision point over {@code records}, which should come in id order (a {@link ConsentState}'s order). */
    public static ConsentDecisionPoint of(Collection<ConsentRecord> records) {
        List<CompiledConsent> compiled = new ArrayList<>(records.size());
        for (ConsentRecord record : records) {
            Long withdrawn = record.withdrawnAt();
            compiled.add(new CompiledConsent(record.grantedAt(), withdrawn == null ? Long.MAX_VALUE : withdrawn,
                    CompiledProvision.compile(record.id(), "provision", record.terms().provision())));
        }
        return new ConsentDecisionPoint(compiled.toArray(new CompiledConsent[0]));
    }

    public Decision decide(DecisionRequest request) {
        Access access = Access.of(request);
        Decision permit = null;
        for (CompiledConsent consent : consents) {
            if (access.at < consent.grantedAt || access.at >= consent.withdrawnAt) {
                continue;
            }
            CompiledProvision decided = consent.root.decide(access);
            if (decided == null) {
                continue;
            }
            if (decided.type == ProvisionType.DENY) {
                return decided.decision;
            }
            if (permit == null) {
                permit = decided.decision;
            }
        }
        return permit == null ? Decision.NO_CONSENT : permit;
    }

    public int size() {
        return consents.length;
    }

    private record CompiledConsent(long grantedAt, long withdrawnAt, CompiledProvision root) {
    }

    /** A request resolved once into the forms the compiled provisions compare. */
    private record Access(long at, long dataTime, int actionBit, long purposeBit, PublicKey key, String role,
                          String organization, String device, String classSystem, String classCode) {

        static Access of(DecisionRequest request) {
            Recipient recipient = request.recipient();
            return new Access(request.at(), request.effectiveDataTime(),
                    1 << ConsentAction.ofCode(request.action()).orElseThrow().ordinal(),
                    PurposeOfUse.bit(request.purpose()),
                    recipient.key(), recipient.role(), recipient.organization(), request.device(),
                    request.dataClass().system(),
                    request.dataClass().code());
        }
    }

    private static final class CompiledProvision {
        private static final CompiledProvision[] NONE = new CompiledProvision[0];

        final ProvisionType type;
        final Decision decision;
        private final long periodStart;
        private final long periodEnd;
        private final long dataStart;
        private final long dataEnd;
        private final ReferenceKind[] actorKinds;
        private final String[] actorValues;
        // Key actors parsed once, so a decision compares keys without encoding the recipient's as hex.
        private final PublicKey[] actorKeys;
        private final int actions;
        private final long purposes;
        private final String[] classSystems;
        private final String[] classCodes;
        private final String[] devices;
        private final CompiledProvision[] exceptions;

        private CompiledProvision(String consentId, String path, Provision provision) {
            type = provision.type();
            decision = Decision.by(consentId, path, type);
            periodStart = start(provision.period());
            periodEnd = end(provision.period());
            dataStart = start(provision.dataPeriod());
            dataEnd = end(provision.dataPeriod());
            int actorCount = provision.actor().size();
            actorKinds = new ReferenceKind[actorCount];
            actorValues = new String[actorCount];
            actorKeys = new PublicKey[actorCount];
            for (int i = 0; i < actorCount; i++) {
                actorKinds[i] = provision.actor().get(i).reference().kind();
                actorValues[i] = provision.actor().get(i).reference().value();
                if (actorKinds[i] == ReferenceKind.KEY) {
                    actorKeys[i] = ContractJson.publicKeyFromHex(actorValues[i]);
                }
            }
            int actionMask = 0;
            for (Coding action : provision.action()) {
                actionMask |= 1 << ConsentAction.of(action).orElseThrow().ordinal();
            }
            actions = actionMask;
            long purposeMask = 0;
            for (Coding purpose : provision.purpose()) {
                purposeMask |= PurposeOfUse.coverage(purpose.code());
            }
            purposes = purposeMask;
            int classCount = provision.dataClass().size();
            classSystems = new String[classCount];
            classCodes = new String[classCount];
            for (int i = 0; i < classCount; i++) {
                classSystems[i] = provision.dataClass().get(i).system();
                classCodes[i] = provision.dataClass().get(i).code();
            }
            devices = new String[provision.data().size()];
            for (int i = 0; i < devices.length; i++) {
                devices[i] = provision.data().get(i).reference().value();
            }
            if (provision.provision().isEmpty()) {
                exceptions = NONE;
            } else {
                exceptions = new CompiledProvision[provision.provision().size()];
                for (int i = 0; i < exceptions.length; i++) {
                    exceptions[i] = new CompiledProvision(consentId, path + ".provision[" + i + "]",
                            provision.provision().get(i));
                }
            }
        }

        static CompiledProvision compile(String consentId, String path, Provision provision) {
            return new CompiledProvision(consentId, path, provision);
        }

        /** The provision that decides {@code access} within this one, or null if this one does not match it. */
        CompiledProvision decide(Access access) {
            if (!matches(access)) {
                return null;
            }
            CompiledProvision permit = null;
            for (CompiledProvision exception : exceptions) {
                CompiledProvision decided = exception.decide(access);
                if (decided == null) {
                    continue;
                }
                if (decided.type == ProvisionType.DENY) {
                    return decided;
                }
                if (permit == null) {
                    permit = decided;
                }
            }
            return permit == null ? this : permit;
        }

        private boolean matches(Access access) {
            if (access.at < periodStart || access.at > periodEnd) {
                return false;
            }
            if (actions != 0 && (actions & access.actionBit) == 0) {
                return false;
            }
            if (purposes != 0 && (purposes & access.purposeBit) == 0) {
                return false;
            }
            if (access.dataTime < dataStart || access.dataTime > dataEnd) {
                return false;
            }
            return matchesActor(access) && matchesClass(access) && matchesDevice(access);
        }

        private boolean matchesActor(Access access) {
            if (actorKinds.length == 0) {
                return true;
            }
            for (int i = 0; i < actorKinds.length; i++) {
                boolean matches = switch (actorKinds[i]) {
                    case KEY -> actorKeys[i].equals(access.key);
                    case ROLE -> actorValues[i].equals(access.role);
                    case ORGANIZATION -> actorValues[i].equals(access.organization);
                    case DEVICE -> false;
                };
                if (matches) {
                    return true;
                }
            }
            return false;
        }

        private boolean matchesClass(Access access) {
            if (classCodes.length == 0) {
                return true;
            }
            for (int i = 0; i < classCodes.length; i++) {
                if (classCodes[i].equals(access.classCode) && classSystems[i].equals(access.classSystem)) {
                    return true;
                }
            }
            return false;
        }

        private boolean matchesDevice(Access access) {
            if (devices.length == 0) {
                return true;
            }
            for (String device : devices) {
                if (device.equals(access.device)) {
                    return true;
                }
            }
            return false;
        }

        private static long start(Period period) {
            return period == null || period.start() == null ? Long.MIN_VALUE : period.start();
        }

        private static long end(Period period) {
            return period == null || period.end() == null ? Long.MAX_VALUE : period.end();
        }
    }
}
