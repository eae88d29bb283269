package org.fogledger.cluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.fogledger.cluster.launcher.LauncherRun;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.validator.Genesis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node file is checked before anything starts, and every problem names its key. */
class NodeConfigTest {
    @TempDir
    Path dir;

    private final List<KeyPair> validatorKeys = new ArrayList<>();

    @BeforeEach
    void genesisAndKeys() throws IOException {
        List<PublicKey> publicKeys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            KeyPair key = KeyPair.generate();
            validatorKeys.add(key);
            publicKeys.add(key.publicKey());
            Files.writeString(dir.resolve("v" + i + ".key"), Pem.writePrivateKey(key), StandardCharsets.US_ASCII);
        }
        Files.writeString(dir.resolve("genesis.conf"), Genesis.onLoopback("node-test", publicKeys).toHocon());
        Files.writeString(dir.resolve("gw.key"), Pem.writePrivateKey(KeyPair.generate()), StandardCharsets.US_ASCII);
    }

    private Path nodeFile(String body) throws IOException {
        Path file = dir.resolve("node.conf");
        Files.writeString(file, "include \"genesis.conf\"\n" + body, StandardCharsets.UTF_8);
        return file;
    }

    private String refusal(String body) throws IOException {
        Path file = nodeFile(body);
        return assertThrows(NodeConfigException.class, () -> NodeConfig.read(file)).getMessage();
    }

    private static final String GATEWAY = """
            fogledger.gateway { id = "gw-1", key-file = "gw.key" }
            """;

    @Test
    void aGatewayNodeIsReadWithItsAddressAndRoles() throws Exception {
        NodeConfig node = NodeConfig.read(nodeFile("""
                fogledger.node { name = "edge-1", roles = [gateway], host = "127.0.0.1", port = 25600 }
                """ + GATEWAY));

        assertEquals("edge-1", node.name());
        assertEquals(EnumSet.of(NodeRoleName.GATEWAY), node.roleNames());
        assertEquals("127.0.0.1", node.host());
        assertEquals(25600, node.port());
        assertEquals("gw-1", ((GatewayRole) node.roles().get(0)).settings().gatewayId());
    }

    @Test
    void aValidatorNodeListensWhereTheGenesisSays() throws Exception {
        NodeConfig node = NodeConfig.read(nodeFile("""
                fogledger.node { name = "v2", roles = [validator], key-file = "v2.key", data-dir = "%s" }
                """.formatted(dir.resolve("data-v2"))));

        Genesis.Member member = node.genesis().member("v2");
        assertEquals(member.port(), node.port());
        assertEquals(EnumSet.of(NodeRoleName.VALIDATOR), node.roleNames());
    }

    @Test
    void optionalEnvironmentOverridesResolveAsInConfigValidatorPostgres() throws Exception {
        // `x = ""` then `x = ${?VAR}` is how the shipped files take passwords from the environment; Typesafe Config's
        // resolveWith cannot resolve it ("replace in parent not possible"), so both readers resolve the file alone.
        NodeConfig node = NodeConfig.read(nodeFile("""
                fogledger.node { name = "v1", roles = [validator], key-file = "v1.key", data-dir = "%s" }
                fogledger.storage.postgres.password = ""
                fogledger.storage.postgres.password = ${?FOGLEDGER_TEST_VARIABLE_THAT_IS_NOT_SET}
                """.formatted(dir.resolve("data-v1"))));

        assertEquals("", node.settings().getString("fogledger.storage.postgres.password"));
    }

    @Test
    void missingRolesAreNamed() throws IOException {
        String message = refusal("fogledger.node { name = \"edge-1\", host = \"127.0.0.1\" }\n");
        assertTrue(message.startsWith("fogledger.node.roles: missing"), message);
        assertTrue(message.contains("validator, agent, gateway, api"), message);
    }

    @Test
    void anUnknownRoleIsNamedWithItsPlaceAndTheRolesThereAre() throws IOException {
        String message = refusal("fogledger.node { name = \"edge-1\", roles = [gateway, miner], host = \"h\" }\n"
                + GATEWAY);
        assertEquals("fogledger.node.roles[1]: 'miner' is not a node role: use validator, agent, gateway, api",
                message);
    }

    @Test
    void aRoleListedTwiceIsRefused() throws IOException {
        String message = refusal("fogledger.node { name = \"edge-1\", roles = [gateway, gateway], host = \"h\" }\n"
                + GATEWAY);
        assertEquals("fogledger.node.roles[1]: 'gateway' is listed twice", message);
    }

    @Test
    void emptyRolesAreRefused() throws IOException {
        String message = refusal("fogledger.node { name = \"edge-1\", roles = [], host = \"h\" }\n");
        assertTrue(message.startsWith("fogledger.node.roles: empty"), message);
    }

    @Test
    void aMissingNodeNameIsNamed() throws IOException {
        assertEquals("fogledger.node.name: missing", refusal("fogledger.node { roles = [gateway] }\n" + GATEWAY));
    }

    @Test
    void aNonValidatorNodeNeedsAHost() throws IOException {
        assertEquals("fogledger.node.host: missing",
                refusal("fogledger.node { name = \"edge-1\", roles = [gateway] }\n" + GATEWAY));
    }

    @Test
    void aPortOutOfRangeIsNamed() throws IOException {
        String message = refusal("fogledger.node { name = \"e\", roles = [gateway], host = \"h\", port = 70000 }\n"
                + GATEWAY);
        assertEquals("fogledger.node.port = 70000 is out of range 0-65535", message);
    }

    @Test
    void theGatewayRoleNeedsItsKeyFile() throws IOException {
        String message = refusal("fogledger.node { name = \"e\", roles = [gateway], host = \"h\" }\n"
                + "fogledger.gateway.id = \"gw-1\"\n");
        assertEquals("fogledger.gateway.key-file: missing", message);
    }

    @Test
    void anUnreadableGatewayKeyNamesTheKeyAndTheFile() throws IOException {
        String message = refusal("fogledger.node { name = \"e\", roles = [gateway], host = \"h\" }\n"
                + "fogledger.gateway { id = \"gw-1\", key-file = \"no-such.key\" }\n");
        assertTrue(message.startsWith("fogledger.gateway.key-file: cannot read "), message);
        assertTrue(message.contains("no-such.key"), message);
    }

    @Test
    void aNodeWithoutGenesisIsRefused() throws IOException {
        Path file = dir.resolve("bare.conf");
        Files.writeString(file, "fogledger.node { name = \"e\", roles = [gateway], host = \"h\" }\n" + GATEWAY);
        String message = assertThrows(NodeConfigException.class, () -> NodeConfig.read(file)).getMessage();
        assertTrue(message.startsWith("fogledger.genesis: missing"), message);
    }

    @Test
    void validatorAndAgentCannotShareANodeBecauseTheyNeedDifferentJournals() throws IOException {
        String message = refusal("fogledger.node { name = \"v0\", roles = [validator, agent], key-file = \"v0.key\","
                + " data-dir = \"" + dir.resolve("d") + "\" }\n");
        assertTrue(message.startsWith("fogledger.node.roles: 'validator' and 'agent' cannot share a node"), message);
    }

    @Test
    void theAgentRoleRefusesAJournalOtherAgentNodesCannotShare() throws IOException {
        String message = refusal("""
                fogledger.node { name = "a0", roles = [agent], host = "127.0.0.1" }
                fogledger.agents.identities = [ { id = "site-1", rank = "site", jurisdiction = "/x", key-file = "%s" } ]
                fogledger.storage.kind = "h2"
                """.formatted(dir.resolve("gw.key")));
        assertTrue(message.startsWith("fogledger.storage.kind: the agent role needs the journal every agent node "
                + "shares"), message);
    }

    @Test
    void theAgentRoleNeedsIdentities() throws IOException {
        String message = refusal("fogledger.node { name = \"a0\", roles = [agent], host = \"127.0.0.1\" }\n");
        assertTrue(message.startsWith("fogledger.agents.identities: missing or empty"), message);
    }

    @Test
    void aValidatorKeyThatIsNotInTheGenesisIsNamed() throws IOException {
        Files.writeString(dir.resolve("stranger.key"), Pem.writePrivateKey(KeyPair.generate()));
        String message = refusal("fogledger.node { name = \"v0\", roles = [validator], key-file = \"stranger.key\","
                + " data-dir = \"" + dir.resolve("d") + "\" }\n");
        assertTrue(message.startsWith("fogledger.node.key-file: the key in "), message);
        assertTrue(message.contains("is not a validator of fogledger.genesis"), message);
    }

    @Test
    void aValidatorPortThatContradictsTheGenesisIsNamed() throws Exception {
        Genesis genesis = NodeConfig.read(nodeFile(
                "fogledger.node { name = \"e\", roles = [gateway], host = \"h\" }\n" + GATEWAY)).genesis();
        int wrong = genesis.member("v0").port() + 1;
        String message = refusal("fogledger.node { name = \"v0\", roles = [validator], key-file = \"v0.key\","
                + " data-dir = \"" + dir.resolve("d") + "\", port = " + wrong + " }\n");
        assertTrue(message.startsWith("fogledger.node.port = " + wrong + ", but the genesis says validator v0"),
                message);
    }

    @Test
    void aGatewayTakesDevicesOverMqttOnlyWhenItsIngressIsEnabled() throws Exception {
        String node = "fogledger.node { name = \"edge-1\", roles = [gateway], host = \"127.0.0.1\" }\n";
        GatewayRole quiet = (GatewayRole) NodeConfig.read(nodeFile(node + GATEWAY)).roles().get(0);
        assertEquals(null, quiet.mqtt(), "off unless enabled");

        GatewayRole heard = (GatewayRole) NodeConfig.read(nodeFile(node + GATEWAY
                + "fogledger.gateway.mqtt { enabled = on, topic-prefix = \"fog-a\" }\n")).roles().get(0);
        assertEquals("fog-a", heard.mqtt().topicPrefix());
        assertEquals("fogledger-gateway-gw-1", heard.mqtt().clientId());

        String wrong = refusal(node + GATEWAY + "fogledger.gateway.mqtt { enabled = on, qos = \"high\" }\n");
        assertTrue(wrong.startsWith("fogledger.gateway.mqtt: ") && wrong.contains("qos"), wrong);
    }

    @Test
    void theApiRoleReadsItsSettingsAndNamesAWrongOne() throws Exception {
        NodeConfig node = NodeConfig.read(nodeFile("fogledger.node { name = \"e\", roles = [api], host = \"h\" }\n"
                + "fogledger.api { port = 18080, confirmations = 2 }\n"));
        ApiRole api = (ApiRole) node.roles().get(0);
        assertEquals(18080, api.settings().port());
        assertEquals(2, api.settings().confirmations());
        assertEquals(node.genesis().chainId(), api.settings().chainId());

        String message = refusal("fogledger.node { name = \"e\", roles = [api], host = \"h\" }\n"
                + "fogledger.api { port = \"eighty\" }\n");
        assertTrue(message.contains("port"), message);
        assertTrue(refusal("fogledger.node { name = \"e\", roles = [api], host = \"h\" }\n")
                .startsWith("fogledger.api: missing"));
    }

    @Test
    void theNodeCommandExitsTwoNamingTheKey() throws IOException {
        Path file = nodeFile("fogledger.node { name = \"e\", roles = [gatway], host = \"h\" }\n");

        LauncherRun run = LauncherRun.of("node", "--config", file.toString());

        assertEquals(NodeCommand.EXIT_CONFIG, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("fogledger.node.roles[0]: 'gatway' is not a node role"), run.transcript());
    }

    @Test
    void theNodeCommandChecksAFileWithoutStartingIt() throws IOException {
        Path file = nodeFile("fogledger.node { name = \"edge-1\", roles = [gateway], host = \"127.0.0.1\","
                + " port = 25601 }\n" + GATEWAY);

        LauncherRun run = LauncherRun.of("node", "--config", file.toString(), "--check");

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("OK edge-1 roles=[gateway] 127.0.0.1:25601 chain=node-test"), run.transcript());
    }

    @Test
    void aMissingFileIsNamed() {
        LauncherRun run = LauncherRun.of("node", "--config", dir.resolve("nope.conf").toString());

        assertEquals(NodeCommand.EXIT_CONFIG, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("nope.conf does not exist"), run.transcript());
    }
}
