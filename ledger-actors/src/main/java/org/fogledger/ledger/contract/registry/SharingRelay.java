package org.fogledger.ledger.contract.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractMessage;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.Outcome;

/**
 * Commands {@code offer-sharing} and {@code withdraw-sharing}: the owner offers the use of the device in the
 * sharing economy, or withdraws the offer. The sharing contract cannot read who owns a device, so the registry,
 * which knows, checks the signer is the owner (and, for an offer, that the device is admitted: a blocked, stolen or
 * uninstalled device is not offered) and relays the command to {@code sharing/<deviceId>} naming the owner. The
 * offer's own terms are the sharing contract's business: the registry passes them on unread, bounded in size.
 * Nothing changes in the registry's state.
 */
final class SharingRelay {
    static final String SHARING_CONTRACT = "sharing";
    static final int MAX_OFFER_BYTES = 2_048;

    private SharingRelay() {
    }

    static Outcome<DeviceEvent> offer(RegisteredDevice device, ExecutionContext context, byte[] payload) {
        String what = "registry.offer-sharing";
        JsonNode terms = ContractJson.read(payload, JsonNode.class, what);
        if (!terms.isObject()) {
            throw new ContractRefusal("malformed-payload", what + ": expected the offer as a JSON object");
        }
        int size = ContractJson.write(terms).length;
        if (size > MAX_OFFER_BYTES) {
            throw new ContractRefusal("malformed-payload", what + ": the offer is " + size + " bytes of JSON; at most "
                    + MAX_OFFER_BYTES);
        }
        DeclarationRights.requireOwner(device, context, "offer-sharing");
        Legitimacy legitimacy = LegitimacyRules.judge(device);
        if (legitimacy.verdict() != Verdict.ADMITTED) {
            throw new ContractRefusal("not-admitted", what + ": device " + device.deviceId() + " is "
                    + legitimacy.verdict() + " (" + legitimacy.reason() + "); only an admitted device is offered");
        }
        TreeMap<String, Object> relayed = new TreeMap<>(Map.of("owner", ContractJson.hex(device.owner()),
                "offer", terms));
        return relay(device, "offer", relayed, "sharing-offer-relayed");
    }

    static Outcome<DeviceEvent> withdraw(RegisteredDevice device, ExecutionContext context, byte[] payload) {
        String what = "registry.withdraw-sharing";
        JsonNode empty = ContractJson.read(payload, JsonNode.class, what);
        if (!empty.isObject() || !empty.isEmpty()) {
            throw new ContractRefusal("malformed-payload", what + ": expected an empty JSON object {}");
        }
        DeclarationRights.requireOwner(device, context, "withdraw-sharing");
        return relay(device, "withdraw", new TreeMap<>(Map.of("owner", ContractJson.hex(device.owner()))),
                "sharing-withdrawal-relayed");
    }

    private static Outcome<DeviceEvent> relay(RegisteredDevice device, String command, Map<String, Object> payload,
                                              String code) {
        ContractAddress sharing = ContractAddress.of(SHARING_CONTRACT, device.deviceId());
        return Outcome.<DeviceEvent>answer(ContractResult.ok(code, ContractJson.write(new TreeMap<>(Map.of(
                "deviceId", device.deviceId(), "to", sharing.toString(), "command", command)))))
                .withMessages(List.of(new ContractMessage(sharing, command, ContractJson.write(payload))));
    }
}
