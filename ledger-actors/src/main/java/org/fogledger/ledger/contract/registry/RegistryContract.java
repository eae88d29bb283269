package org.fogledger.ledger.contract.registry;

import java.util.EnumSet;
import java.util.Set;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractMessage;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.arbitration.AgentDecision;
import org.fogledger.ledger.contract.arbitration.Enactment;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;

/**
 * The device registry and lifecycle contract, one instance per device: {@code registry/<deviceId>}. It records who
 * made the device, who owns and administers it, where it sits in the hierarchy of sites, and every declaration about
 * its life (modelled on GS1 EPCIS business steps), and answers whether the device may connect now.
 *
 * <p>Commands: {@code register} (the maker), {@code declare} (a lifecycle declaration, a block or a release),
 * {@code resell} (both owners), {@code grant-administration} and {@code revoke-administration} (the owner),
 * {@code vet-decision} (from the authority contract: an agent's decision on its way to arbitration),
 * {@code enact} (from {@code arbitration/<deviceId>}: the hold it settled), {@code offer-sharing} and
 * {@code withdraw-sharing} (the owner; relayed to the sharing contract, see {@link SharingRelay}). Queries:
 * {@code legitimacy}, {@code device}, {@code state}. The rules live in {@link Transitions} (what is legal from
 * where), {@link DeclarationRights} (who may) and {@link LegitimacyRules} (what the state means for a connection);
 * this class parses, checks in that order and records. See docs/contracts/registry.md.
 */
public final class RegistryContract implements Contract<DeviceState, DeviceEvent> {
    /** The chain this registry runs on: resale statements are bound to it. */
    private final String chainId;

    public RegistryContract(String chainId) {
        this.chainId = java.util.Objects.requireNonNull(chainId, "chainId");
    }
    public static final String NAME = "registry";
    /** The arbitration contract, whose instance {@code arbitration/<deviceId>} alone may enact a hold. */
    public static final String ARBITRATION_CONTRACT = "arbitration";
    /** The policy contract, which rules on a vetted decision before the arbitration settles it. */
    public static final String POLICY_CONTRACT = "policy";
    public static final int MAX_MODEL_LENGTH = 128;
    public static final int MAX_NOTE_LENGTH = 280;
    /** An agent's rank as the authority contract names it ({@code root}, {@code region}, ...). */
    public static final int MAX_RANK_LENGTH = 32;
    /** Administrators whose grants hold at once, per device: enough for a few operators, bounded state. */
    public static final int MAX_ADMINISTRATORS = 16;
    /**
     * Steps charged for checking a counter-signature: an Ed25519 verification costs about as much as a thousand
     * plain rule steps, and a payload must not buy one for the price of one step.
     */
    public static final long SIGNATURE_CHECK_STEPS = 1_000;

    /** The declarations that may move the device in the hierarchy (it arrives somewhere). */
    public static final Set<Declaration> MAY_SET_LOCATION =
            EnumSet.of(Declaration.RECEIVED, Declaration.STORED, Declaration.INSTALLED);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<DeviceState> stateType() {
        return DeviceState.class;
    }

    @Override
    public Class<DeviceEvent> eventType() {
        return DeviceEvent.class;
    }

    @Override
    public DeviceState initialState(String instance) {
        return new UnregisteredDevice(instance);
    }

    @Override
    public Outcome<DeviceEvent> handle(DeviceState state, Invocation invocation, StepMeter meter) {
        meter.charge();
        return switch (invocation.command()) {
            case "register" -> register(state, invocation, meter);
            case "declare" -> declare(state, invocation, meter);
            case "resell" -> resell(state, invocation, meter);
            case "grant-administration" -> grant(state, invocation, meter);
            case "revoke-administration" -> revoke(state, invocation);
            case "vet-decision" -> vetDecision(state, invocation);
            case "enact" -> enact(state, invocation, meter);
            case "offer-sharing" -> SharingRelay.offer(registered(state, "offer-sharing"), invocation.context(),
                    invocation.payload());
            case "withdraw-sharing" -> SharingRelay.withdraw(registered(state, "withdraw-sharing"),
                    invocation.context(), invocation.payload());
            default -> throw new ContractRefusal("unknown-command", "contract " + NAME + " has no command '"
                    + invocation.command() + "'; commands: register, declare, resell, grant-administration,"
                    + " revoke-administration, vet-decision, enact, offer-sharing,"
                    + " withdraw-sharing");
        };
    }

    private Outcome<DeviceEvent> register(DeviceState state, Invocation invocation, StepMeter meter) {
        String what = "registry.register";
        RegisterCommand command = ContractJson.read(invocation.payload(), RegisterCommand.class, what);
        PublicKey deviceKey = PayloadFields.required(command.deviceKey(), what, "deviceKey");
        String model = PayloadFields.requiredText(command.model(), what, "model", MAX_MODEL_LENGTH);
        PublicKey maker = PayloadFields.required(command.maker(), what, "maker");
        PublicKey owner = PayloadFields.required(command.owner(), what, "owner");
        String location = DevicePath.validate(command.location(), what, "location", meter);
        if (state instanceof RegisteredDevice device) {
            throw new ContractRefusal("already-registered", "device " + device.deviceId()
                    + " is already registered (by maker " + ContractJson.hex(device.maker())
                    + "); re-registration is refused");
        }
        ExecutionContext context = invocation.context();
        if (context.isInternal()) {
            throw new ContractRefusal("not-authorised", "registration of device " + state.deviceId()
                    + " must be a transaction signed by its maker; internal messages (here from "
                    + context.caller() + ") are refused");
        }
        if (!context.sender().equals(maker)) {
            throw new ContractRefusal("not-authorised", "registration of device " + state.deviceId()
                    + " must be signed by its maker " + ContractJson.hex(maker) + ", not by "
                    + ContractJson.hex(context.sender()));
        }
        HistoryEntry entry = new HistoryEntry(0, context.height(), context.index(), context.blockTimeMillis(),
                context.sender(), DeclarerRole.MAKER, null, Declaration.REGISTERED, location, null, null);
        DeviceRegistered event = new DeviceRegistered(state.deviceId(), deviceKey, model, maker, owner, location,
                entry);
        return Outcome.of(accepted("registered", state.deviceId(), entry, Phase.REGISTERED, false), event);
    }

    private Outcome<DeviceEvent> declare(DeviceState state, Invocation invocation, StepMeter meter) {
        String what = "registry.declare";
        DeclareCommand command = ContractJson.read(invocation.payload(), DeclareCommand.class, what);
        Declaration declaration = PayloadFields.required(command.declaration(), what, "declaration");
        if (declaration == Declaration.REGISTERED) {
            throw new ContractRefusal("wrong-command", "declaration registered is made with command 'register'");
        }
        if (declaration == Declaration.RESOLD) {
            throw new ContractRefusal("wrong-command", "declaration resold is made with command 'resell', which"
                    + " carries both owners' signatures");
        }
        String note = PayloadFields.optionalText(command.note(), what, "note", MAX_NOTE_LENGTH);
        String location = null;
        if (command.location() != null) {
            if (!MAY_SET_LOCATION.contains(declaration)) {
                throw new ContractRefusal("malformed-payload", what + ": field 'location' is only accepted with"
                        + " declarations received, stored and installed, not with " + declaration);
            }
            location = DevicePath.validate(command.location(), what, "location", meter);
        }
        RegisteredDevice device = registered(state, "declare");
        ExecutionContext context = invocation.context();
        DeclarerRole role = DeclarationRights.authorise(device, declaration, context);
        checkJurisdiction(device, command, location, role, meter);
        Phase next = Transitions.check(device.phase(), device.block(), declaration);
        HistoryEntry entry = new HistoryEntry(device.nextSequence(), context.height(), context.index(),
                context.blockTimeMillis(), context.sender(), role,
                role == DeclarerRole.AUTHORITY ? context.caller().toString() : null, declaration, location, null,
                note);
        DeviceEvent event;
        boolean blockedAfter = device.hasBlock();
        if (declaration == Declaration.BLOCKED) {
            event = new DeviceBlocked(entry);
            blockedAfter = true;
        } else if (declaration == Declaration.RELEASED) {
            event = new DeviceReleased(entry);
            blockedAfter = false;
        } else {
            event = new LifecycleDeclared(entry, next);
        }
        return Outcome.of(accepted("declared", device.deviceId(), entry, next, blockedAfter), event);
    }

    private Outcome<DeviceEvent> resell(DeviceState state, Invocation invocation, StepMeter meter) {
        String what = "registry.resell";
        ResellCommand command = ContractJson.read(invocation.payload(), ResellCommand.class, what);
        PublicKey newOwner = PayloadFields.required(command.newOwner(), what, "newOwner");
        long sequence = PayloadFields.nonNegative(command.sequence(), what, "sequence");
        long validUntil = PayloadFields.nonNegative(command.validUntilMillis(), what, "validUntilMillis");
        Signature counterSignature = PayloadFields.required(command.counterSignature(), what, "counterSignature");
        String note = PayloadFields.optionalText(command.note(), what, "note", MAX_NOTE_LENGTH);
        RegisteredDevice device = registered(state, "resell");
        if (newOwner.equals(device.owner())) {
            throw new ContractRefusal("same-owner", what + ": field 'newOwner' " + ContractJson.hex(newOwner)
                    + " already owns device " + device.deviceId());
        }
        ExecutionContext context = invocation.context();
        DeclarerRole role = DeclarationRights.authoriseResale(device, newOwner, context);
        Phase next = Transitions.check(device.phase(), device.block(), Declaration.RESOLD);
        if (sequence != device.ownershipSequence()) {
            throw new ContractRefusal("stale-transfer-sequence", "the statement names resale sequence " + sequence
                    + " but device " + device.deviceId() + " is at resale sequence " + device.ownershipSequence()
                    + ": it was made for another resale (a replay) or is out of date");
        }
        if (context.blockTimeMillis() > validUntil) {
            throw new ContractRefusal("transfer-expired", "the statement was valid until block time " + validUntil
                    + "; this block's time is " + context.blockTimeMillis());
        }
        PublicKey counterSigner = role == DeclarerRole.OWNER ? newOwner : device.owner();
        OwnershipTransferStatement statement = new OwnershipTransferStatement(chainId, device.deviceId(), device.owner(),
                newOwner, sequence, validUntil);
        meter.charge(SIGNATURE_CHECK_STEPS);
        if (!statement.isSignedBy(counterSigner, counterSignature)) {
            throw new ContractRefusal("bad-counter-signature", what + ": field 'counterSignature' is not the "
                    + (role == DeclarerRole.OWNER ? "new owner's" : "current owner's") + " signature ("
                    + ContractJson.hex(counterSigner) + ") over the transfer of device " + device.deviceId()
                    + " from " + ContractJson.hex(device.owner()) + " to " + ContractJson.hex(newOwner)
                    + " at resale sequence " + sequence + ", valid until " + validUntil);
        }
        HistoryEntry entry = new HistoryEntry(device.nextSequence(), context.height(), context.index(),
                context.blockTimeMillis(), context.sender(), role, null, Declaration.RESOLD, null, newOwner, note);
        return Outcome.of(accepted("resold", device.deviceId(), entry, next, device.hasBlock()),
                new OwnershipTransferred(entry, device.owner(), next));
    }

    private Outcome<DeviceEvent> grant(DeviceState state, Invocation invocation, StepMeter meter) {
        String what = "registry.grant-administration";
        GrantAdministrationCommand command = ContractJson.read(invocation.payload(),
                GrantAdministrationCommand.class, what);
        PublicKey administrator = PayloadFields.required(command.administrator(), what, "administrator");
        RegisteredDevice device = registered(state, "grant-administration");
        refuseIfDestroyed(device, "grant-administration");
        ExecutionContext context = invocation.context();
        DeclarationRights.requireOwner(device, context, "grant-administration");
        Long expiresAt = command.expiresAtMillis();
        if (expiresAt != null && expiresAt <= context.blockTimeMillis()) {
            throw new ContractRefusal("invalid-expiry", what + ": field 'expiresAtMillis' " + expiresAt
                    + " is not after this block's time " + context.blockTimeMillis() + ": the grant would never hold");
        }
        if (administrator.equals(device.owner())) {
            throw new ContractRefusal("owner-not-administrator", what + ": field 'administrator' is the owner of"
                    + " device " + device.deviceId() + ", who holds every right already");
        }
        int holding = 0;
        for (AdministratorGrant existing : device.administrators().values()) {
            meter.charge();
            if (existing.holdsAt(context.blockTimeMillis()) && !existing.administrator().equals(administrator)) {
                holding++;
            }
        }
        if (holding >= MAX_ADMINISTRATORS) {
            throw new ContractRefusal("too-many-administrators", "device " + device.deviceId() + " has "
                    + holding + " administrators whose grants hold, the most allowed; revoke one first");
        }
        AdministratorGrant grant = new AdministratorGrant(administrator, context.height(), context.index(),
                context.blockTimeMillis(), expiresAt);
        return Outcome.of(ContractResult.ok("administration-granted", ContractJson.write(grant)),
                new AdministrationGranted(grant));
    }

    private Outcome<DeviceEvent> revoke(DeviceState state, Invocation invocation) {
        String what = "registry.revoke-administration";
        RevokeAdministrationCommand command = ContractJson.read(invocation.payload(),
                RevokeAdministrationCommand.class, what);
        PublicKey administrator = PayloadFields.required(command.administrator(), what, "administrator");
        RegisteredDevice device = registered(state, "revoke-administration");
        refuseIfDestroyed(device, "revoke-administration");
        ExecutionContext context = invocation.context();
        DeclarationRights.requireOwner(device, context, "revoke-administration");
        if (device.grantOf(administrator) == null) {
            throw new ContractRefusal("not-an-administrator", what + ": field 'administrator' "
                    + ContractJson.hex(administrator) + " holds no grant on device " + device.deviceId());
        }
        AdministrationRevoked event = new AdministrationRevoked(administrator, context.height(), context.index());
        return Outcome.of(ContractResult.ok("administration-revoked", ContractJson.write(event)), event);
    }

    /**
     * An agent's decision about this device, relayed by the authority contract (which checked the agent's chain and
     * added its rank and jurisdiction). The registry adds what only it knows, where the device is, marks the
     * decision illegitimate when the device is not registered or lies outside the agent's jurisdiction, and relays
     * it on either way ({@link #nextHopOfDecision}), so that the loser and its reason reach the arbitration's record.
     * Nothing about the device changes here.
     */
    private Outcome<DeviceEvent> vetDecision(DeviceState state, Invocation invocation) {
        String what = "registry.vet-decision";
        ExecutionContext context = invocation.context();
        if (!context.isInternal() || !context.caller().equals(ContractAddress.of(DeclarationRights.AUTHORITY_CONTRACT,
                ContractAddress.DEFAULT_INSTANCE))) {
            throw new ContractRefusal("not-authorised", what + " is accepted from "
                    + DeclarationRights.AUTHORITY_CONTRACT + "/" + ContractAddress.DEFAULT_INSTANCE + " only, not from "
                    + (context.isInternal() ? context.caller() : "a transaction signed by "
                    + ContractJson.hex(context.sender())));
        }
        AgentDecision decision = ContractJson.read(invocation.payload(), AgentDecision.class, what);
        if (!state.deviceId().equals(decision.deviceId())) {
            throw new ContractRefusal("malformed-payload", what + ": field 'deviceId' '" + decision.deviceId()
                    + "' is not this instance's device '" + state.deviceId() + "'");
        }
        PayloadFields.required(decision.action(), what, "action");
        PayloadFields.required(decision.rank(), what, "rank");
        String jurisdiction = PayloadFields.required(decision.jurisdiction(), what, "jurisdiction");
        AgentDecision vetted;
        if (state instanceof RegisteredDevice device) {
            vetted = decision.located(device.location());
            if (!DevicePath.isWithin(device.location(), jurisdiction)) {
                vetted = vetted.refused("device " + device.deviceId() + " is at '" + device.location()
                        + "', not within the agent's jurisdiction '" + jurisdiction + "' (rank " + decision.rank()
                        + ")");
            } else if (device.phase() == Phase.DESTROYED) {
                vetted = vetted.refused("device " + device.deviceId() + " is destroyed ("
                        + device.phaseDecidedBy().describe() + "); nothing can be decided about it");
            }
        } else {
            vetted = decision.refused("device " + state.deviceId() + " is not registered");
        }
        ContractMessage next = nextHopOfDecision(vetted);
        return Outcome.<DeviceEvent>answer(ContractResult.ok(vetted.legitimate() ? "decision-vetted"
                        : "decision-refused", ContractJson.write(vetted)))
                .withMessages(java.util.List.of(next));
    }

    /**
     * The next hop of a vetted decision: {@code policy/_.vet-decision}, which fills in the ruling of the policies in
     * force over the device and relays {@code settle} to {@code arbitration/<deviceId>}.
     */
    static ContractMessage nextHopOfDecision(AgentDecision vetted) {
        return new ContractMessage(ContractAddress.of(POLICY_CONTRACT, ContractAddress.DEFAULT_INSTANCE),
                "vet-decision", ContractJson.write(vetted));
    }

    /**
     * The arbitration contract settled a change of the device's hold: lay a block or a quarantine, or lift its own
     * hold. Accepted from {@code arbitration/<this deviceId>} only. The hold lives apart from the declared block:
     * lifting it never lifts a block an owner, administrator or agent declared, and a declared release never lifts
     * it (see {@link ArbitrationHold}).
     */
    private Outcome<DeviceEvent> enact(DeviceState state, Invocation invocation, StepMeter meter) {
        String what = "registry.enact";
        ExecutionContext context = invocation.context();
        ContractAddress arbitration = ContractAddress.of(ARBITRATION_CONTRACT, state.deviceId());
        if (!context.isInternal() || !context.caller().equals(arbitration)) {
            throw new ContractRefusal("not-authorised", what + " is accepted from " + arbitration + " only, not from "
                    + (context.isInternal() ? context.caller() : "a transaction signed by "
                    + ContractJson.hex(context.sender())));
        }
        Enactment enactment = ContractJson.read(invocation.payload(), Enactment.class, what);
        DeviceHold hold = PayloadFields.required(enactment.hold(), what, "hold");
        AgentDecision decidedBy = PayloadFields.required(enactment.decidedBy(), what, "decidedBy");
        PublicKey agent = PayloadFields.required(decidedBy.agent(), what, "decidedBy.agent");
        String reason = PayloadFields.requiredText(enactment.reason(), what, "reason", Enactment.MAX_REASON_LENGTH);
        RegisteredDevice device = registered(state, "enact");
        refuseIfDestroyed(device, "enact");
        meter.charge();
        if (device.hold() == hold) {
            return Outcome.answer(ContractResult.ok("unchanged", ContractJson.write(
                    new DeclarationAccepted(device.deviceId(), device.arbitrationHold() == null ? null
                            : device.arbitrationHold().entry(), device.phase(), hold != DeviceHold.OPEN))));
        }
        Declaration declaration = hold == DeviceHold.OPEN ? Declaration.RELEASED : Declaration.BLOCKED;
        String note = hold + ": " + reason;
        if (note.length() > MAX_NOTE_LENGTH) {
            note = note.substring(0, MAX_NOTE_LENGTH - 1) + "\u2026";
        }
        HistoryEntry entry = new HistoryEntry(device.nextSequence(), context.height(), context.index(),
                context.blockTimeMillis(), agent, DeclarerRole.ARBITRATION, context.caller().toString(), declaration,
                null, null, note);
        return Outcome.of(accepted("enacted", device.deviceId(), entry, device.phase(),
                device.hasBlock() || hold != DeviceHold.OPEN), new ArbitrationEnacted(entry, hold, reason));
    }

    /**
     * Total, as the runtime requires: {@link #handle} only emits events that fit the state, so the combinations that
     * cannot happen (a declaration on an unregistered device, a second registration) leave the state unchanged
     * rather than throw while a journal is replayed.
     */
    @Override
    public DeviceState apply(DeviceState state, DeviceEvent event) {
        if (event instanceof DeviceRegistered registered) {
            if (!(state instanceof UnregisteredDevice)) {
                return state;
            }
            return RegisteredDevice.registered(registered.deviceId(), registered.deviceKey(), registered.model(),
                    registered.maker(), registered.owner(), registered.location(), registered.entry());
        }
        if (!(state instanceof RegisteredDevice device)) {
            return state;
        }
        if (event instanceof LifecycleDeclared declared) {
            return device.declared(declared.entry(), declared.phase());
        }
        if (event instanceof OwnershipTransferred transferred) {
            return device.transferred(transferred.entry(), transferred.entry().newOwner(), transferred.phase());
        }
        if (event instanceof DeviceBlocked blocked) {
            return device.blocked(blocked.entry());
        }
        if (event instanceof DeviceReleased released) {
            return device.released(released.entry());
        }
        if (event instanceof AdministrationGranted granted) {
            return device.granted(granted.grant());
        }
        if (event instanceof AdministrationRevoked revoked) {
            return device.revoked(revoked.administrator());
        }
        if (event instanceof ArbitrationEnacted enacted) {
            return device.enacted(enacted.entry(), enacted.hold(), enacted.reason());
        }
        return state;
    }

    @Override
    public byte[] query(DeviceState state, String query, byte[] argument) {
        if (argument != null && argument.length > 0) {
            throw new ContractRefusal("malformed-argument", "query " + query + " of contract " + NAME
                    + " takes no argument, got " + argument.length + " bytes");
        }
        return switch (query) {
            case "legitimacy" -> ContractJson.write(LegitimacyRules.judge(state));
            case "device" -> ContractJson.write(DeviceView.of(registered(state, "query device")));
            case "state" -> ContractJson.write(state);
            default -> throw new ContractRefusal("unknown-query", "contract " + NAME + " has no query '" + query
                    + "'; queries: legitimacy, device, state");
        };
    }

    /**
     * A declaration relayed by the authority contract carries the agent's jurisdiction: the device, and the place it
     * moves to if any, must lie within it. The authority checked the agent's chain; the registry checks the place,
     * since only the registry knows where the device is. Owners and administrators act on their own device
     * wherever it is, so a jurisdiction (or a rank) from them is refused rather than silently ignored.
     */
    private static void checkJurisdiction(RegisteredDevice device, DeclareCommand command, String newLocation,
                                          DeclarerRole role, StepMeter meter) {
        String what = "registry.declare";
        if (role != DeclarerRole.AUTHORITY) {
            if (command.jurisdiction() != null || command.rank() != null) {
                throw new ContractRefusal("malformed-payload", what + ": fields 'jurisdiction' and 'rank' are only"
                        + " accepted from the " + DeclarationRights.AUTHORITY_CONTRACT + " contract, not from the "
                        + role);
            }
            return;
        }
        String jurisdiction = DevicePath.validateScope(command.jurisdiction(), what, "jurisdiction", meter);
        PayloadFields.requiredText(command.rank(), what, "rank", MAX_RANK_LENGTH);
        if (!DevicePath.isWithin(device.location(), jurisdiction)) {
            throw new ContractRefusal("outside-jurisdiction", "device " + device.deviceId() + " is at '"
                    + device.location() + "', not within the agent's jurisdiction '" + jurisdiction + "' (rank "
                    + command.rank() + ")");
        }
        if (newLocation != null && !DevicePath.isWithin(newLocation, jurisdiction)) {
            throw new ContractRefusal("outside-jurisdiction", "device " + device.deviceId() + " cannot be moved"
                    + " to '" + newLocation + "': not within the agent's jurisdiction '" + jurisdiction + "' (rank "
                    + command.rank() + ")");
        }
    }

    private static RegisteredDevice registered(DeviceState state, String command) {
        if (state instanceof RegisteredDevice device) {
            return device;
        }
        throw new ContractRefusal("not-registered", "device " + state.deviceId() + " is not registered (" + command
                + " needs a registered device; the maker registers it with command register)");
    }

    private static void refuseIfDestroyed(RegisteredDevice device, String command) {
        if (device.phase() == Phase.DESTROYED) {
            throw new ContractRefusal("device-destroyed", "command " + command + " refused: device "
                    + device.deviceId() + " is destroyed, which is terminal (" + device.phaseDecidedBy().describe()
                    + ")");
        }
    }

    private static ContractResult accepted(String code, String deviceId, HistoryEntry entry, Phase phase,
                                           boolean blocked) {
        return ContractResult.ok(code, ContractJson.write(new DeclarationAccepted(deviceId, entry, phase, blocked)));
    }
}
