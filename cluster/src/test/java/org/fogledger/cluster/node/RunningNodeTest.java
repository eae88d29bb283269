package org.fogledger.cluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;
import org.fogledger.ledger.validator.Genesis;
import org.fogledger.ledger.validator.ValidatorStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A validator node started in this JVM, with Pekko Management answering the Kubernetes probes. */
class RunningNodeTest {
    @TempDir
    Path dir;

    @Test
    void aValidatorNodeComesUpAnswersTheProbesAndStops() throws Exception {
        KeyPair key = KeyPair.generate();
        Files.writeString(dir.resolve("v0.key"), Pem.writePrivateKey(key), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("genesis.conf"),
                Genesis.onLoopback("running-node-test", List.of(key.publicKey())).toHocon());
        int management = Genesis.freeLoopbackPort();
        int api = Genesis.freeLoopbackPort();
        Path file = dir.resolve("node.conf");
        Files.writeString(file, """
                include "genesis.conf"
                fogledger.node {
                  name = "v0"
                  roles = [validator, api]
                  key-file = "v0.key"
                  data-dir = "%s"
                  management.enabled = on
                }
                pekko.management.http { hostname = "127.0.0.1", port = %d }
                fogledger.api { host = "127.0.0.1", port = %d }
                """.formatted(dir.resolve("data"), management, api));

        NodeConfig config = NodeConfig.read(file);
        try (RunningNode node = RunningNode.start(config)) {
            assertTrue(node.awaitUp(Duration.ofSeconds(60)), "the node did not become an Up member");
            assertEquals("READY v0 roles=[validator,api] 127.0.0.1:" + config.port(), node.readyLine());

            HttpClient http = HttpClient.newHttpClient();
            assertEquals(200, get(http, management, "/alive"));
            assertEquals(200, get(http, management, "/ready"));
            // The api role serves the HTTP API on the node's own ledger client, for the genesis's chain.
            assertEquals(200, get(http, api, "/ready"));
            String validators = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api
                    + "/api/v1/validators")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(validators.contains("\"chainId\":\"running-node-test\""), validators);

            ValidatorRole validator = (ValidatorRole) config.roles().stream()
                    .filter(role -> role instanceof ValidatorRole).findFirst().orElseThrow();
            ValidatorStatus status = org.apache.pekko.actor.typed.javadsl.AskPattern.<org.fogledger.ledger.validator
                            .ValidatorActor.Command, ValidatorStatus>ask(validator.validator(),
                            org.fogledger.ledger.validator.ValidatorActor.GetStatus::new, Duration.ofSeconds(10),
                            node.system().scheduler())
                    .toCompletableFuture().get();
            assertEquals(key.publicKey(), status.validator());
        }
    }

    private static int get(HttpClient http, int port, String path) throws Exception {
        // /ready turns 200 once the membership check passes; the node is Up already, but the check may lag a tick.
        int code = 0;
        for (int attempt = 0; attempt < 50 && code != 200; attempt++) {
            code = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (code != 200) {
                Thread.sleep(100);
            }
        }
        return code;
    }
}
