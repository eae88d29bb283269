package org.fogledger.ledger.contract.registry;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Who may declare what about a device. A direct transaction acts with its signer's capacity: the owner, or an
 * administrator whose grant holds at the block's time. An internal message acts as {@link DeclarerRole#AUTHORITY}
 * when, and only when, its caller is the contract named {@value #AUTHORITY_CONTRACT}: that contract has already checked
 * the agent's delegation chain and jurisdiction, and the registry trusts its name and nothing else. A message from any
 * other contract is refused even if the owner signed the transaction it descends from, so no contract can borrow the
 * owner's rights by being called by the owner.
 *
 * <p>Extra rules: only the owner declares a theft or a recovery (an administrator or an agent who could would be able
 * to take a device out of service for good, or launder a stolen one); destruction is for the owner or the authority;
 * a block declared through the authority is released through the authority only; a resale needs the current and the
 * new owner both (one sends, the other's signature travels in the payload, see {@link OwnershipTransferStatement}).
 */
public final class DeclarationRights {
    public static final String AUTHORITY_CONTRACT = "authority";

    private static final Set<DeclarerRole> ANY_DECLARER = EnumSet.of(DeclarerRole.OWNER, DeclarerRole.ADMINISTRATOR,
            DeclarerRole.AUTHORITY);

    private static final Map<Declaration, Set<DeclarerRole>> MAY_DECLARE = rights();

    private DeclarationRights() {
    }

    private static Map<Declaration, Set<DeclarerRole>> rights() {
        Map<Declaration, Set<DeclarerRole>> may = new EnumMap<>(Declaration.class);
        for (Declaration declaration : List.of(Declaration.COMMISSIONED, Declaration.SHIPPED, Declaration.RECEIVED,
                Declaration.STORED, Declaration.INSTALLED, Declaration.PUBLIC_ACCESS, Declaration.OBSOLETE,
                Declaration.DECOMMISSIONED, Declaration.BLOCKED, Declaration.RELEASED)) {
            may.put(declaration, ANY_DECLARER);
        }
        may.put(Declaration.STOLEN, EnumSet.of(DeclarerRole.OWNER));
        may.put(Declaration.RECOVERED, EnumSet.of(DeclarerRole.OWNER));
        may.put(Declaration.DESTROYED, EnumSet.of(DeclarerRole.OWNER, DeclarerRole.AUTHORITY));
        may.put(Declaration.RESOLD, EnumSet.of(DeclarerRole.OWNER, DeclarerRole.NEW_OWNER));
        may.put(Declaration.REGISTERED, EnumSet.of(DeclarerRole.MAKER));
        for (Declaration declaration : Declaration.values()) {
            may.put(declaration, Collections.unmodifiableSet(EnumSet.copyOf(may.get(declaration))));
        }
        return Collections.unmodifiableMap(may);
    }

    /** The capacities in which {@code declaration} may be made. */
    public static Set<DeclarerRole> mayDeclare(Declaration declaration) {
        return MAY_DECLARE.get(declaration);
    }

    /**
     * The capacity in which this execution declares {@code declaration} on {@code device}, or a refusal with code
     * {@code not-authorised} that says who may and what the declarer is. For the lifecycle and block declarations
     * made with command {@code declare}; a resale goes through {@link #authoriseResale}.
     */
    public static DeclarerRole authorise(RegisteredDevice device, Declaration declaration, ExecutionContext context) {
        DeclarerRole role = capacity(device, context, declaration);
        if (!mayDeclare(declaration).contains(role)) {
            throw new ContractRefusal("not-authorised", "declaration " + declaration + " on device "
                    + device.deviceId() + " may be made by " + describe(mayDeclare(declaration)) + ", not by "
                    + describeActor(role, context));
        }
        if (declaration == Declaration.RELEASED && device.block() != null
                && device.block().role() == DeclarerRole.AUTHORITY && role != DeclarerRole.AUTHORITY) {
            throw new ContractRefusal("not-authorised", "the block in force on device " + device.deviceId()
                    + " was declared through the authority contract (" + device.block().describe()
                    + "); only the authority may release it, not " + describeActor(role, context));
        }
        return role;
    }

    /**
     * The sender's capacity in a resale to {@code newOwner}: {@link DeclarerRole#OWNER} when the current owner sends
     * it, {@link DeclarerRole#NEW_OWNER} when the buyer does; anyone else, and any internal message, is refused.
     */
    public static DeclarerRole authoriseResale(RegisteredDevice device, PublicKey newOwner,
                                               ExecutionContext context) {
        if (context.isInternal()) {
            throw new ContractRefusal("not-authorised", "a resale of device " + device.deviceId()
                    + " must be a transaction signed by the current or the new owner; internal messages (here from "
                    + context.caller() + ") are refused");
        }
        if (context.sender().equals(device.owner())) {
            return DeclarerRole.OWNER;
        }
        if (context.sender().equals(newOwner)) {
            return DeclarerRole.NEW_OWNER;
        }
        throw new ContractRefusal("not-authorised", "a resale of device " + device.deviceId()
                + " must be sent by the current owner " + ContractJson.hex(device.owner()) + " or the new owner "
                + ContractJson.hex(newOwner) + ", not by " + ContractJson.hex(context.sender()));
    }

    /** Refuses unless the execution is a transaction signed by the device's owner. */
    public static void requireOwner(RegisteredDevice device, ExecutionContext context, String command) {
        if (context.isInternal()) {
            throw new ContractRefusal("not-authorised", "command " + command + " on device " + device.deviceId()
                    + " must be a transaction signed by the owner; internal messages (here from "
                    + context.caller() + ") are refused");
        }
        if (!context.sender().equals(device.owner())) {
            throw new ContractRefusal("not-authorised", "command " + command + " on device " + device.deviceId()
                    + " may be sent by the owner " + ContractJson.hex(device.owner()) + " only, not by "
                    + ContractJson.hex(context.sender()));
        }
    }

    /**
     * What the execution acts as: the authority (internal message from {@value #AUTHORITY_CONTRACT}), the owner or a
     * current administrator; refuses an internal message from another contract and a key with no capacity.
     */
    private static DeclarerRole capacity(RegisteredDevice device, ExecutionContext context, Declaration declaration) {
        if (context.isInternal()) {
            if (context.caller().contract().equals(AUTHORITY_CONTRACT)) {
                return DeclarerRole.AUTHORITY;
            }
            throw new ContractRefusal("not-authorised", "declaration " + declaration + " on device "
                    + device.deviceId() + ": internal messages are accepted from the contract '"
                    + AUTHORITY_CONTRACT + "' only, not from '" + context.caller() + "'");
        }
        PublicKey sender = context.sender();
        if (sender.equals(device.owner())) {
            return DeclarerRole.OWNER;
        }
        AdministratorGrant grant = device.grantOf(sender);
        if (grant != null && grant.holdsAt(context.blockTimeMillis())) {
            return DeclarerRole.ADMINISTRATOR;
        }
        String expired = grant == null ? "" : " (its administrator grant expired at block time "
                + grant.expiresAtMillis() + "; this block's time is " + context.blockTimeMillis() + ")";
        throw new ContractRefusal("not-authorised", "declaration " + declaration + " on device " + device.deviceId()
                + " may be made by " + describe(mayDeclare(declaration)) + "; key " + ContractJson.hex(sender)
                + " is neither the owner nor an administrator" + expired);
    }

    private static String describeActor(DeclarerRole role, ExecutionContext context) {
        return role == DeclarerRole.AUTHORITY ? "the authority contract" : "the " + role + " "
                + ContractJson.hex(context.sender());
    }

    private static String describe(Set<DeclarerRole> roles) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (DeclarerRole role : roles) {
            if (i > 0) {
                out.append(i == roles.size() - 1 ? " or " : ", ");
            }
            out.append(switch (role) {
                case MAKER -> "the maker";
                case OWNER -> roles.size() == 1 ? "the owner only" : "the owner";
                case NEW_OWNER -> "the new owner";
                case ADMINISTRATOR -> "an administrator";
                case AUTHORITY -> "the authority contract";
                case ARBITRATION -> "the arbitration contract";
            });
            i++;
        }
        return out.toString();
    }
}
