package org.fogledger.agents.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingress survives the loss of its broker: a private Mosquitto (started here, on a free port) is stopped and
 * started again; the ingress reconnects by itself and subscribes again, so devices are heard as before. The gateway
 * is a probe: only the transport is under test.
 */
class MqttIngressReconnectTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ActorTestKit testKit = ActorTestKit.create();

    @TempDir
    static Path dir;

    private static int port;
    private static Path mosquitto;
    private static Process broker;

    @BeforeAll
    static void findMosquitto() throws IOException {
        // On PATH, or where Debian puts it (sbin, often not on a user's PATH).
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin"
                + File.pathSeparator + "/usr/local/sbin";
        mosquitto = Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "mosquitto")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(mosquitto != null, "needs the mosquitto broker binary on PATH or in /usr/sbin");
        // Outside the ephemeral range: the broker is stopped and started again on this port while clients dial.
        port = org.fogledger.ledger.validator.Genesis.freeLoopbackPort();
    }

    @AfterAll
    static void stop() {
        stopBroker();
        testKit.shutdownTestKit();
    }

    @Test
    void afterTheBrokerComesBackTheIngressHearsDevicesAgain() throws Exception {
        startBroker();
        String uri = "tcp://127.0.0.1:" + port;
        TestProbe<Gateway.Command> gateway = testKit.createTestProbe(Gateway.Command.class);
        try (MqttIngress ingress = MqttIngress.start(MqttSettings.defaults(uri, "reconnect-ingress", "fl-reconnect"),
                gateway.ref(), testKit.system().scheduler())) {
            assertEquals("before", challengeRoundTrip(uri, gateway, "before"));

            stopBroker();
            startBroker();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!ingress.stats().connected()) {
                assertTrue(System.nanoTime() < deadline, "the ingress never reconnected");
                Thread.sleep(100);
            }

            // A clean session: the restarted broker forgot every subscription, so hearing this needs a new one.
            assertEquals("after", challengeRoundTrip(uri, gateway, "after"));
        }
    }

    @Test
    void anIngressThatCannotReachItsBrokerSaysWhichBroker() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        String uri = "tcp://127.0.0.1:" + closed;
        TestProbe<Gateway.Command> gateway = testKit.createTestProbe(Gateway.Command.class);

        IllegalStateException failure = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> MqttIngress.start(new MqttSettings(uri, "nobody-home", "fl-reconnect", 1, 32768, WAIT,
                        Duration.ofSeconds(2)), gateway.ref(), testKit.system().scheduler()));
        assertTrue(failure.getMessage().startsWith("MQTT ingress cannot connect to " + uri + " as 'nobody-home'"),
                failure.getMessage());
    }

    /** A device asks for a challenge; the probe answers as the gateway would; the device gets it. */
    private static String challengeRoundTrip(String uri, TestProbe<Gateway.Command> gateway, String deviceId)
            throws Exception {
        try (MqttDevice device = MqttDevice.connect(uri, "fl-reconnect", deviceId, KeyPair.generate(), WAIT)) {
            Hash challenge = Hash.of(new byte[Hash.LENGTH]);
            Thread asker = new Thread(() -> {
                try {
                    device.requestChallenge(WAIT);
                } catch (Exception e) {
                    // The assertion below reports it.
                }
            });
            asker.start();
            Gateway.IssueChallenge issue = gateway.expectMessageClass(Gateway.IssueChallenge.class, WAIT);
            issue.replyTo().tell(new Gateway.ChallengeIssued("gw-probe", challenge));
            asker.join(WAIT.toMillis());
            GatewayMessage.Challenge received = device.received().stream()
                    .filter(GatewayMessage.Challenge.class::isInstance).map(GatewayMessage.Challenge.class::cast)
                    .findFirst().orElseThrow(() -> new AssertionError("no challenge reached " + deviceId));
            assertEquals(challenge, received.challenge());
            return issue.deviceId();
        }
    }

    private static void startBroker() throws Exception {
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        broker = new ProcessBuilder(mosquitto.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                assertTrue(broker.isAlive(), () -> "mosquitto exited: " + readLog());
                assertTrue(System.nanoTime() < deadline, "mosquitto never listened on " + port);
                Thread.sleep(50);
            }
        }
    }

    private static void stopBroker() {
        if (broker != null) {
            broker.destroy();
            try {
                broker.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            broker = null;
        }
    }

    private static String readLog() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
