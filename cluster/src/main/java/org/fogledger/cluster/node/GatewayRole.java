package org.fogledger.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.fogledger.agents.gateway.AnchoredBatchStore;
import org.fogledger.agents.gateway.ClientGatewayLedger;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.agents.gateway.GatewayPolicy;
import org.fogledger.agents.gateway.GatewaySettings;
import org.fogledger.agents.mqtt.MqttIngress;
import org.fogledger.agents.mqtt.MqttSettings;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.validator.Genesis;

/**
 * The gateway role: one {@link Gateway} actor, named {@code gateway-<id>} and registered with the receptionist under
 * {@link #SERVICE_KEY} so that ingress (MQTT, the HTTP API) on any node can find it. Keys, block
 * {@code fogledger.gateway}:
 * <pre>
 * id = "gw-lyon-1"              # the gateway id devices sign hellos for; its trace stream is trace/&lt;id&gt;
 * key-file = "gateway.key"      # PKCS#8 PEM; signs trace anchors
 * data-dir = "gateway-gw-lyon-1" # its anchored trace batches, for audit proofs (default: gateway-&lt;id&gt; next to
 *                               # the node file; relative paths are resolved against the node file's directory)
 * follow-validators = 0         # validators whose block notices it follows; 0 = f + 1 of the genesis
 * recheck-interval = 5s         # every open session's device is re-read this often
 * policy {                      # what it enforces on its own
 *   minimum-firmware = ""       # dotted version, empty for any
 *   quarantine-after-failed-authentications = 5
 *   max-readings-per-second = 50
 * }
 * mqtt {                        # the MQTT ingress (docs/MQTT.md), off unless enabled
 *   enabled = on
 *   uri = "tcp://127.0.0.1:1883"
 *   topic-prefix = "fogledger"  # one per gateway on a shared broker
 * }
 * </pre>
 */
final class GatewayRole implements NodeRole {
    /** Every gateway of the cluster registers under this key. */
    public static final ServiceKey<Gateway.Command> SERVICE_KEY = LocalGatewayTrails.SERVICE_KEY;

    private final GatewaySettings settings;
    private final Path dataDir;
    private final int followValidators;
    /** The MQTT ingress's settings, or null when the gateway takes devices in-process only. */
    private final MqttSettings mqtt;
    private ActorRef<Gateway.Command> gateway;
    private MqttIngress ingress;

    private GatewayRole(GatewaySettings settings, Path dataDir, int followValidators, MqttSettings mqtt) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.followValidators = followValidators;
        this.mqtt = mqtt;
    }

    static GatewayRole fromConfig(Config config, Path nodeFile, Genesis genesis) throws NodeConfigException {
        String prefix = "fogledger.gateway.";
        String id = NodeFileKeys.string(config, prefix + "id");
        KeyPair key = NodeFileKeys.privateKey(config, prefix + "key-file", nodeFile);
        int validators = genesis.validators().size();
        int follow = NodeFileKeys.integer(config, prefix + "follow-validators", 0, validators, 0);
        if (follow == 0) {
            follow = genesis.validatorSet().maxFaulty() + 1;
        }
        GatewayPolicy defaults = GatewayPolicy.defaults();
        // Empty (as written in the shipped files) means any firmware, like a missing key.
        String firmware = config.hasPath(prefix + "policy.minimum-firmware")
                ? config.getString(prefix + "policy.minimum-firmware").trim() : "";
        GatewaySettings settings;
        try {
            GatewayPolicy policy = new GatewayPolicy(firmware.isEmpty() ? null : firmware,
                    NodeFileKeys.integer(config, prefix + "policy.quarantine-after-failed-authentications", 1, 1000,
                            defaults.quarantineAfterFailedAuthentications()),
                    NodeFileKeys.integer(config, prefix + "policy.max-readings-per-second", 1, 100_000,
                            defaults.maxReadingsPerSecond()));
            Duration recheck = NodeFileKeys.duration(config, prefix + "recheck-interval", Duration.ofSeconds(5));
            settings = GatewaySettings.defaults(id, genesis.chainId(), key).withPolicy(policy)
                    .withRecheckInterval(recheck);
        } catch (IllegalArgumentException e) {
            throw new NodeConfigException("fogledger.gateway: " + e.getMessage(), e);
        }
        Path given = Path.of(NodeFileKeys.string(config, prefix + "data-dir", "gateway-" + id));
        Path dataDir = given.isAbsolute() ? given : nodeFile.toAbsolutePath().getParent().resolve(given);
        return new GatewayRole(settings, dataDir, follow, mqtt(config, id));
    }

    private static MqttSettings mqtt(Config config, String gatewayId) throws NodeConfigException {
        Config withDefaults = config.withFallback(ConfigFactory.defaultReference());
        String enabled = MqttSettings.CONFIG_PATH + ".enabled";
        try {
            if (!withDefaults.getBoolean(enabled)) {
                return null;
            }
            return MqttSettings.fromConfig(withDefaults, gatewayId);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new NodeConfigException(MqttSettings.CONFIG_PATH + ": " + e.getMessage(), e);
        }
    }

    MqttSettings mqtt() {
        return mqtt;
    }

    @Override
    public NodeRoleName name() {
        return NodeRoleName.GATEWAY;
    }

    GatewaySettings settings() {
        return settings;
    }

    /** Where the gateway keeps its anchored batches. */
    Path dataDir() {
        return dataDir;
    }

    @Override
    public void start(NodeServices services) {
        Config config = services.system().settings().config();
        CodecLimits limits = config.hasPath("fogledger.codec")
                ? CodecLimits.fromMap(config.getConfig("fogledger.codec").root().unwrapped()) : CodecLimits.DEFAULT;
        AnchoredBatchStore batches = AnchoredBatchStore.open(dataDir.resolve("anchored-batches"),
                settings.gatewayId(), limits);
        gateway = services.system().systemActorOf(
                Gateway.create(settings, new ClientGatewayLedger(services.ledgerClient(), followValidators),
                        java.time.Clock.systemUTC(), new java.security.SecureRandom(), batches),
                "gateway-" + settings.gatewayId(), Props.empty());
        services.system().receptionist().tell(Receptionist.register(SERVICE_KEY, gateway));
        if (mqtt != null) {
            ingress = MqttIngress.start(mqtt, gateway, services.system().scheduler());
        }
    }

    @Override
    public void close() {
        if (ingress != null) {
            ingress.close();
        }
    }

    /** The running gateway, for ingress started in the same node. */
    ActorRef<Gateway.Command> gateway() {
        return gateway;
    }
}
