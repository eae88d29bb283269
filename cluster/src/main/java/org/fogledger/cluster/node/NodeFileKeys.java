package org.fogledger.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;

/** Reading one key of a node file, with an error that names the key. */
final class NodeFileKeys {
    private NodeFileKeys() {
    }

    static String string(Config config, String path) throws NodeConfigException {
        try {
            if (!config.hasPath(path)) {
                throw new NodeConfigException(path + ": missing");
            }
            String value = config.getString(path);
            if (value.isBlank()) {
                throw new NodeConfigException(path + ": empty");
            }
            return value.trim();
        } catch (ConfigException e) {
            throw new NodeConfigException(path + ": " + e.getMessage(), e);
        }
    }

    static String string(Config config, String path, String fallback) throws NodeConfigException {
        return config.hasPath(path) ? string(config, path) : fallback;
    }

    static int integer(Config config, String path, int min, int max) throws NodeConfigException {
        if (!config.hasPath(path)) {
            throw new NodeConfigException(path + ": missing");
        }
        int value;
        try {
            value = config.getInt(path);
        } catch (ConfigException e) {
            throw new NodeConfigException(path + ": " + e.getMessage(), e);
        }
        if (value < min || value > max) {
            throw new NodeConfigException(path + " = " + value + " is out of range " + min + "-" + max);
        }
        return value;
    }

    static int integer(Config config, String path, int min, int max, int fallback) throws NodeConfigException {
        return config.hasPath(path) ? integer(config, path, min, max) : fallback;
    }

    static Duration duration(Config config, String path, Duration fallback) throws NodeConfigException {
        if (!config.hasPath(path)) {
            return fallback;
        }
        try {
            Duration value = config.getDuration(path);
            if (value.isNegative() || value.isZero()) {
                throw new NodeConfigException(path + " = " + value + " must be positive");
            }
            return value;
        } catch (ConfigException e) {
            throw new NodeConfigException(path + ": " + e.getMessage(), e);
        }
    }

    /** A PKCS#8 PEM private key; a relative path is resolved against the node file's directory. */
    static KeyPair privateKey(Config config, String path, Path nodeFile) throws NodeConfigException {
        Path given = Path.of(string(config, path));
        Path file = given.isAbsolute() ? given : nodeFile.toAbsolutePath().getParent().resolve(given);
        try {
            return Pem.readPrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new NodeConfigException(path + ": cannot read " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new NodeConfigException(path + ": " + file + " is not a PKCS#8 PEM private key: " + e.getMessage(), e);
        }
    }
}
