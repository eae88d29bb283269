package org.fogledger.ledger.validator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses TCP ports on 127.0.0.1 for nodes that are told their port before they bind it (a genesis lists every
 * validator's address up front).
 *
 * <p>Why not simply the OS's choice ({@code new ServerSocket(0)}): that port comes from the ephemeral range, the
 * same range the OS draws from for the local end of every outgoing connection. Between choosing a port and binding
 * it, the nodes already started connect to the one not yet started, and one of those connections can take its
 * port ("Address already in use", seen in CI). Ports below the ephemeral range are never handed to outgoing
 * connections, so a port found free there stays free unless another process binds it on purpose. The ports this
 * JVM has handed out are not handed out again, since a chosen port is not bound until its node starts.
 */
public final class LoopbackPorts {
    /** Lowest port considered: above the registered services most machines run. */
    static final int LOWEST = 20_000;
    /** Where the ephemeral range begins when the OS does not say (Linux's default). */
    static final int DEFAULT_EPHEMERAL_START = 32_768;
    /**
     * Pekko's default Artery port and config/local-fog's nodes (25520-25531) sit here: a test's random port must not
     * take one that a local fog started by another test, or by hand, is about to bind.
     */
    static final int RESERVED_FROM = 25_500;
    static final int RESERVED_TO = 25_600;
    private static final int ATTEMPTS = 500;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private LoopbackPorts() {
    }

    /** A port on 127.0.0.1 that nothing listens on now, outside the ephemeral range, not handed out before. */
    public static synchronized int free() {
        int end = ephemeralStart();
        if (end - LOWEST < 1_000) {
            // The ephemeral range covers (almost) everything: the OS's choice is the best left.
            return osChoice();
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int candidate = random.nextInt(LOWEST, end);
            boolean reserved = candidate >= RESERVED_FROM && candidate < RESERVED_TO;
            if (!reserved && !HANDED_OUT.contains(candidate) && bindable(candidate)) {
                HANDED_OUT.add(candidate);
                return candidate;
            }
        }
        throw new IllegalStateException("no free TCP port on 127.0.0.1 between " + LOWEST + " and " + (end - 1)
                + " after " + ATTEMPTS + " tries");
    }

    /** The first port of the OS's ephemeral range, from Linux's {@code ip_local_port_range} when it is there. */
    static int ephemeralStart() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            if (Files.isReadable(range)) {
                return parseRangeStart(Files.readString(range));
            }
        } catch (IOException | IllegalArgumentException e) {
            // fall through to the default
        }
        return DEFAULT_EPHEMERAL_START;
    }

    /** Reads "32768\t60999" as 32768. */
    static int parseRangeStart(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected 'low high', got '" + text.trim() + "'");
        }
        return Integer.parseInt(parts[0]);
    }

    static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int osChoice() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free TCP port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
