package org.fogledger.cluster.fogctl;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * fogctl's settings from its config file ({@code ~/.fogctl/config}, Java properties: {@code server},
 * {@code chain-id}, {@code key}), under the environment ({@code FOGCTL_SERVER}, {@code FOGCTL_CHAIN_ID},
 * {@code FOGCTL_KEY}) and the command line's options, which win.
 */
record FogctlConfig(Path file, Properties values, Map<String, String> environment) {
    static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".fogctl", "config");
    }

    static FogctlConfig load(Path file, Map<String, String> environment) {
        Properties values = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw FogctlException.badInput("cannot read config file " + file + ": " + e.getMessage());
            }
            for (String name : values.stringPropertyNames()) {
                if (!java.util.Set.of("server", "chain-id", "key").contains(name)) {
                    throw FogctlException.badInput("config file " + file + ": unknown setting '" + name
                            + "' (known: server, chain-id, key)");
                }
            }
        }
        return new FogctlConfig(file, values, environment);
    }

    /** The option's value, else the environment variable's, else the config file's, else null. */
    String pick(String option, String environmentVariable, String setting) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String fromEnvironment = environment.get(environmentVariable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        String fromFile = values.getProperty(setting);
        return fromFile == null || fromFile.isBlank() ? null : fromFile.strip();
    }

    /** Where fogctl keeps its local nonce files: next to the config file. */
    Path nonceDirectory() {
        Path parent = file.toAbsolutePath().getParent();
        return (parent == null ? Path.of(".") : parent).resolve("nonces");
    }
}
