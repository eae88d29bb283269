package org.fogledger.simulator.behaviour;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.fogledger.simulator.fleet.DeviceKeys;
import org.fogledger.simulator.fleet.Fleet;

/**
 * What the behaviours of one simulated system share: the fleet, the ledger, the gateway by each transport, the
 * sessions, the agents, the consents in force and the checks. Built by {@link SimulatedSystem}.
 */
final class Parts {
    /** The organisation the simulated third party acts for: consents name it, data requests come from it. */
    static final String THIRD_PARTY = "org-sim-lab";

    /** A consent an owner granted on one device to the third party, in force until withdrawn. */
    record Consent(String consentId, String purpose) {
    }

    final Fleet fleet;
    final SystemOptions options;
    final LedgerPort ledger;
    final InProcessGateway inProcess;
    final MqttGateway mqtt;
    final DeviceSessions sessions;
    final Hierarchy hierarchy;
    final Executor work;
    /** For the few operations that can only block (a device's own MQTT connection): never the work executor. */
    final Executor blocking;
    final BlockedRefusalCheck blockedCheck;
    final DeniedFlowCheck deniedCheck;
    final AcknowledgedOnLedgerCheck acknowledgedCheck;
    final Map<Integer, Consent> consents = new ConcurrentHashMap<>();
    /** Devices resold during the run: their owner is no longer the one the fleet derives from the index. */
    final Map<Integer, Ownership> resold = new ConcurrentHashMap<>();

    /** Who owns a resold device now, and how many resales it has had (the registry's ownership sequence). */
    record Ownership(int owner, long resales) {
    }
    /** Keys of parties that are not what they claim: unregistered devices, forgers. */
    final DeviceKeys strangerKeys;
    final AtomicLong strangers = new AtomicLong();

    Parts(Fleet fleet, SystemOptions options, LedgerPort ledger, InProcessGateway inProcess, MqttGateway mqtt,
          Hierarchy hierarchy, Executor work, Executor blocking, BlockedRefusalCheck blockedCheck, DeniedFlowCheck deniedCheck,
          AcknowledgedOnLedgerCheck acknowledgedCheck) {
        this.fleet = fleet;
        this.options = options;
        this.ledger = ledger;
        this.inProcess = inProcess;
        this.mqtt = mqtt;
        // Half the gateway's limit, and sessions opened in-process are ended when forgotten: the gateway refuses
        // hellos beyond its limit, and sessions opened over MQTT cannot be ended by the device (docs/MQTT.md).
        this.sessions = new DeviceSessions(fleet, Math.max(8, options.gatewaySessions() / 2), session -> {
            if (inProcess != null && "inprocess".equals(session.transport)) {
                inProcess.end(session.id);
            }
        });
        this.hierarchy = hierarchy;
        this.work = work;
        this.blocking = blocking;
        this.blockedCheck = blockedCheck;
        this.deniedCheck = deniedCheck;
        this.acknowledgedCheck = acknowledgedCheck;
        this.strangerKeys = new DeviceKeys(fleet.spec().seed(), "fogledger-sim-stranger", 256);
    }

    /** The index of the device's current owner. */
    int ownerOf(int device) {
        Ownership ownership = resold.get(device);
        return ownership != null ? ownership.owner() : fleet.ownerOf(device);
    }

    org.fogledger.ledger.crypto.KeyPair ownerKey(int device) {
        return fleet.ownerKey(ownerOf(device));
    }

    /** The device's ownership sequence on the registry: how many resales it had. */
    long resales(int device) {
        Ownership ownership = resold.get(device);
        return ownership != null ? ownership.resales() : 0;
    }

    /** The gateway by {@code transport} ({@code inprocess} or {@code mqtt}); refuses one this system lacks. */
    /** The gateway port the {@code transport} parameter of {@code params} names (default: the system's own). */
    GatewayPort port(String kind, java.util.Map<String, String> params) {
        return port(kind, Behaviours.choice(kind, params, "transport", defaultTransport(),
                defaultTransport().equals("mqtt") ? "inprocess" : "mqtt"));
    }

    GatewayPort port(String kind, String transport) {
        if ("mqtt".equals(transport)) {
            if (mqtt == null) {
                throw new IllegalArgumentException("behaviour '" + kind + "': transport=mqtt needs an MQTT broker, "
                        + "and this system was started without one (SystemOptions.withMqtt)");
            }
            return mqtt;
        }
        if (inProcess == null) {
            throw new IllegalArgumentException("behaviour '" + kind + "': transport=inprocess needs the gateway in "
                    + "this JVM; a remote system is reached over MQTT only (transport=mqtt)");
        }
        return inProcess;
    }

    /** The transport a behaviour uses when none is named: in-process when the gateway is here, else MQTT. */
    String defaultTransport() {
        return inProcess != null ? "inprocess" : "mqtt";
    }

    /** The id of a device nobody registered (and never will): {@code sim-<seed>-x<n>}. */
    String strangerId(long n) {
        return "sim-" + Long.toHexString(fleet.spec().seed()) + "-x" + n;
    }
}
