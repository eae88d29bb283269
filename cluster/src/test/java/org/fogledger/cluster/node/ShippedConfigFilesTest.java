package org.fogledger.cluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.validator.Genesis;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The files under config/production and config/k8s parse, and say what docs/DEPLOYMENT.md says they say. */
class ShippedConfigFilesTest {
    private static final Path CONFIG = Path.of("..", "config");

    @TempDir
    Path etc;

    /**
     * The production files, with /etc/fogledger pointed at a temporary directory holding what they name (genesis,
     * keys) and the TLS password given, pass the node's own check: only the placeholders need replacing.
     */
    @Test
    void productionNodeFilesPassTheNodeCheckOnceTheirFilesExist() throws Exception {
        KeyPair validator = KeyPair.generate();
        List<PublicKey> keys = new ArrayList<>(List.of(validator.publicKey()));
        for (int i = 0; i < 3; i++) {
            keys.add(KeyPair.generate().publicKey());
        }
        Genesis loopback = Genesis.onLoopback("production-test", keys);
        List<Genesis.Member> members = new ArrayList<>();
        for (Genesis.Member m : loopback.validators()) {
            members.add(new Genesis.Member(m.name().equals("v0") ? "v1" : m.name().equals("v1") ? "v0" : m.name(),
                    m.key(), m.host(), m.port()));
        }
        Files.writeString(etc.resolve("genesis.conf"), new Genesis("production-test", members).toHocon());
        Files.createDirectories(etc.resolve("keys"));
        Files.createDirectories(etc.resolve("agents"));
        Files.writeString(etc.resolve("keys/validator.key"), Pem.writePrivateKey(validator));
        Files.writeString(etc.resolve("keys/gateway.key"), Pem.writePrivateKey(KeyPair.generate()));
        for (String agent : List.of("root", "region-eu", "site-lyon")) {
            Files.writeString(etc.resolve("agents/" + agent + ".key"), Pem.writePrivateKey(KeyPair.generate()));
        }
        Path production = etc.resolve("production");
        Files.createDirectories(production);
        for (String name : List.of("common", "validator", "agent", "gateway", "api")) {
            String text = Files.readString(CONFIG.resolve("production").resolve(name + ".conf"))
                    .replace("/etc/fogledger/", etc.toAbsolutePath() + "/")
                    .replace("/var/lib/fogledger/", etc.toAbsolutePath() + "/data/")
                    .replace("${FOGLEDGER_TLS_PASSWORD}", "\"secret\"");
            Files.writeString(production.resolve(name + ".conf"), text);
        }

        for (String role : List.of("validator", "agent", "gateway", "api")) {
            NodeConfig node = NodeConfig.read(production.resolve(role + ".conf"));
            assertEquals(NodeRoleName.fromWireName(role), node.roles().get(0).name(), role);
            assertEquals("tls-tcp", node.settings().getString("pekko.remote.artery.transport"), role);
            assertTrue(node.settings().getString("pekko.remote.artery.ssl.config-ssl-engine.key-store")
                    .endsWith("/tls/" + node.name() + ".p12"), role);
        }
    }

    @Test
    void kubernetesManifestsHaveProbesOnReadyAndAliveAndBootstrapThroughTheKubernetesApi() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(CONFIG.resolve("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
                try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
                    documents.addAll(yaml.readValues(parser, JsonNode.class).readAll());
                }
            }
        }
        int workloads = 0;
        for (JsonNode doc : documents) {
            String kind = doc.path("kind").asText();
            if (kind.equals("StatefulSet") || kind.equals("Deployment")) {
                workloads++;
                JsonNode container = doc.at("/spec/template/spec/containers/0");
                assertEquals("/ready", container.at("/readinessProbe/httpGet/path").asText(), kind);
                assertEquals("/alive", container.at("/livenessProbe/httpGet/path").asText(), kind);
                assertEquals("fogledger-node", doc.at("/spec/template/spec/serviceAccountName").asText(), kind);
            }
            if (kind.equals("ConfigMap")) {
                JsonNode data = doc.path("data");
                Config management = ConfigFactory.parseString(data.path("management.conf").asText())
                        .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
                assertEquals("kubernetes-api", management.getString(
                        "pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
                assertTrue(management.getBoolean("fogledger.node.management.cluster-bootstrap"));
                for (String node : List.of("validator.conf", "agent.conf", "genesis.conf")) {
                    ConfigFactory.parseString(data.path(node).asText()); // parses
                }
            }
            if (kind.equals("Role")) {
                assertEquals("pods", doc.at("/rules/0/resources/0").asText());
            }
        }
        assertEquals(2, workloads);
    }
}
