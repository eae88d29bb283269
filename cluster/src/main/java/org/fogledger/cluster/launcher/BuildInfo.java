package org.fogledger.cluster.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.apache.pekko.Version;
import picocli.CommandLine.IVersionProvider;

/** What this build is and what it runs on; shared by {@code fogledger version} and every {@code --version}. */
final class BuildInfo {
    private static final String RESOURCE = "build.properties";

    private BuildInfo() {
    }

    /** The FogLedger version Maven wrote into {@code build.properties} at build time. */
    static String fogLedgerVersion() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown (no " + RESOURCE + " on the class path)";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return properties.getProperty("fogledger.version", "unknown");
    }

    static String pekkoVersion() {
        return Version.current();
    }

    /** The running JVM, for instance {@code 17.0.15 (Debian, OpenJDK 64-Bit Server VM)}. */
    static String jvm() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")";
    }

    static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    /** Label and value pairs, in the order they are printed. */
    static List<String[]> lines() {
        return List.of(
                new String[] {"FogLedger", fogLedgerVersion()},
                new String[] {"Pekko", pekkoVersion()},
                new String[] {"Java", jvm()},
                new String[] {"Java home", System.getProperty("java.home")},
                new String[] {"OS", os()});
    }

    /** Feeds {@code --version} on every command. */
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return lines().stream().map(line -> String.format("%-10s %s", line[0], line[1])).toArray(String[]::new);
        }
    }
}
