package org.fogledger.cluster.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.fogledger.cluster.launcher.LauncherRun;
import org.fogledger.ledger.validator.Genesis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes with certificates from the cluster's CA form a cluster over tls-tcp; a node with another CA's cannot. */
class ArteryTlsTest {
    @TempDir
    Path dir;

    private final List<ActorSystem<Void>> systems = new ArrayList<>();

    @AfterEach
    void stop() {
        systems.forEach(ActorTestKit::shutdown);
    }

    private ActorSystem<Void> node(Path tlsConf, int port, int seedPort) {
        Config config = ConfigFactory.parseString("""
                        pekko.actor.provider = cluster
                        pekko.remote.artery.canonical.hostname = "127.0.0.1"
                        pekko.remote.artery.canonical.port = %d
                        pekko.cluster.seed-nodes = ["pekko://tls-test@127.0.0.1:%d"]
                        pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                        pekko.cluster.seed-node-timeout = 1s
                        pekko.cluster.retry-unsuccessful-join-after = 1s
                        """.formatted(port, seedPort))
                .withFallback(ConfigFactory.parseFile(tlsConf.toFile()))
                .withFallback(ConfigFactory.load());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tls-test", config);
        systems.add(system);
        return system;
    }

    private static boolean awaitMembers(ActorSystem<Void> system, int up, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            long count = 0;
            for (var member : Cluster.get(system).state().getMembers()) {
                if (member.status().equals(MemberStatus.up())) {
                    count++;
                }
            }
            if (count >= up) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void nodesOfOneCaFormAClusterAndANodeOfAnotherCaIsRefused() throws Exception {
        Path ours = dir.resolve("ours");
        Path theirs = dir.resolve("theirs");
        new DevCertificates(ours).generate(List.of("n1", "n2"), List.of(), Duration.ofDays(1));
        new DevCertificates(theirs).generate(List.of("intruder"), List.of(), Duration.ofDays(1));
        int seedPort = Genesis.freeLoopbackPort();

        ActorSystem<Void> first = node(ours.resolve("n1-tls.conf"), seedPort, seedPort);
        ActorSystem<Void> second = node(ours.resolve("n2-tls.conf"), Genesis.freeLoopbackPort(), seedPort);
        assertEquals("tls-tcp", first.settings().config().getString("pekko.remote.artery.transport"));
        assertTrue(awaitMembers(first, 2, Duration.ofSeconds(60)), "n1 and n2 did not form a cluster over TLS");
        assertTrue(awaitMembers(second, 2, Duration.ofSeconds(60)), "n2 does not see both members Up");

        ActorSystem<Void> intruder = node(theirs.resolve("intruder-tls.conf"), Genesis.freeLoopbackPort(), seedPort);
        // The refusal shows as nothing happening: give the intruder several join attempts (1 s apart), then check
        // it is still not a member on either side.
        Thread.sleep(8_000);
        assertFalse(Cluster.get(intruder).selfMember().status().equals(MemberStatus.up()),
                "a node whose certificate another CA signed joined the cluster");
        assertEquals(2, Cluster.get(first).state().getMembers().spliterator().estimateSize(),
                "the cluster took in a node with another CA's certificate");
    }

    /**
     * Why the intruder stays out: with the stores as Pekko's ConfigSSLEngineProvider loads them (key managers from
     * the node's store, trust managers from the trust store, client authentication required), a TLS 1.3 handshake
     * succeeds between two nodes of one CA and fails when the client's certificate is another CA's.
     */
    @Test
    void theHandshakeFailsOnACertificateFromAnotherCa() throws Exception {
        Path ours = dir.resolve("ours");
        Path theirs = dir.resolve("theirs");
        new DevCertificates(ours).generate(List.of("n1", "n2"), List.of(), Duration.ofDays(1));
        new DevCertificates(theirs).generate(List.of("intruder"), List.of(), Duration.ofDays(1));

        assertEquals("ok", handshake(context(ours, "n1"), context(ours, "n2")));
        String refused = handshake(context(ours, "n1"), context(theirs, "intruder"));
        assertTrue(refused.startsWith("refused"), refused);
    }

    private static javax.net.ssl.SSLContext context(Path certs, String node) throws Exception {
        char[] password = Files.readString(certs.resolve(DevCertificates.PASSWORD_FILE)).trim().toCharArray();
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(certs.resolve(node + ".p12"), password), password);
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(certs.resolve(DevCertificates.TRUST_STORE), password));
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), new java.security.SecureRandom());
        return context;
    }

    /** "ok" if the server accepted the client (and the client the server), else "refused: <why>". */
    private static String handshake(javax.net.ssl.SSLContext server, javax.net.ssl.SSLContext client) throws Exception {
        try (javax.net.ssl.SSLServerSocket listening = (javax.net.ssl.SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            listening.setNeedClientAuth(true);
            java.util.concurrent.CompletableFuture<String> accepted = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) listening.accept()) {
                    socket.startHandshake();
                    socket.getOutputStream().write(1);
                    socket.getOutputStream().flush();
                    return "ok";
                } catch (IOException e) {
                    return "refused: " + e;
                }
            });
            String clientSide;
            try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) client.getSocketFactory()
                    .createSocket(java.net.InetAddress.getLoopbackAddress(), listening.getLocalPort())) {
                socket.startHandshake();
                // In TLS 1.3 the server's verdict on the client's certificate arrives after the client's handshake.
                clientSide = socket.getInputStream().read() == 1 ? "ok" : "refused: closed";
            } catch (IOException e) {
                clientSide = "refused: " + e;
            }
            String serverSide = accepted.get(30, java.util.concurrent.TimeUnit.SECONDS);
            return serverSide.equals("ok") && clientSide.equals("ok") ? "ok"
                    : "refused: server " + serverSide + ", client " + clientSide;
        }
    }

    @Test
    void nodeCertificatesAreSignedByTheCaAndRunsNeverOverwriteAStore() throws Exception {
        DevCertificates certs = new DevCertificates(dir);
        certs.generate(List.of("v0"), List.of("edge.example.org", "10.0.0.7"), Duration.ofDays(30));
        byte[] before = Files.readAllBytes(dir.resolve("v0.p12"));

        List<DevCertificates.NodeStore> again = certs.generate(List.of("v0", "v1"), List.of(), Duration.ofDays(30));

        assertFalse(again.get(0).created());
        assertTrue(again.get(1).created());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("v0.p12"))));
        char[] password = Files.readString(dir.resolve(DevCertificates.PASSWORD_FILE)).trim().toCharArray();
        KeyStore trust = load(dir.resolve(DevCertificates.TRUST_STORE), password);
        X509Certificate ca = (X509Certificate) trust.getCertificate(trust.aliases().nextElement());
        for (String node : List.of("v0", "v1")) {
            X509Certificate cert = (X509Certificate) load(dir.resolve(node + ".p12"), password)
                    .getCertificate(DevCertificates.NODE_ALIAS);
            cert.verify(ca.getPublicKey()); // throws unless the CA signed it
            assertTrue(cert.getSubjectX500Principal().getName().contains("CN=" + node));
        }
        X509Certificate v0 = (X509Certificate) load(dir.resolve("v0.p12"), password)
                .getCertificate(DevCertificates.NODE_ALIAS);
        assertTrue(v0.getSubjectAlternativeNames().toString().contains("edge.example.org"));
        assertTrue(v0.getSubjectAlternativeNames().toString().contains("10.0.0.7"));
    }

    @Test
    void aBadNodeNameIsRefusedBeforeAnythingIsWritten() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DevCertificates(dir.resolve("x")).generate(List.of("V 0"), List.of(), Duration.ofDays(1)));
        assertTrue(e.getMessage().startsWith("node name 'V 0' is not allowed"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void theCommandPrintsTheArterySettings() {
        LauncherRun run = LauncherRun.of("certs", "generate", "--out", dir.toString(), "--nodes", "v0,v1");

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("transport = tls-tcp"), run.transcript());
        assertTrue(run.out().contains("key-store = \"" + dir.toAbsolutePath().resolve("v1.p12") + "\""),
                run.transcript());
        assertTrue(run.out().contains("trust-store = \"" + dir.toAbsolutePath().resolve("truststore.p12") + "\""),
                run.transcript());
    }

    private static KeyStore load(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
