package org.fogledger.cluster.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * HTTPS for the API: the node's PKCS#12 key store (one key entry with its certificate chain, as
 * {@code fogledger certs generate} writes {@code <node>.p12}) and its password. Configured under
 * {@code fogledger.api.tls}: {@code key-store} and {@code key-store-password} (or {@code key-store-password-file}).
 */
public record ApiTls(Path keyStore, String password) {

    public ApiTls {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
    }

    /** The server context; fails naming the file when the store cannot be read or holds no key. */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            if (!java.util.Collections.list(store.aliases()).stream().anyMatch(alias -> isKey(store, alias))) {
                throw new IllegalArgumentException("fogledger.api.tls.key-store " + keyStore
                        + " holds no private key with a certificate");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("fogledger.api.tls.key-store " + keyStore + " cannot be used: "
                    + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** {@code fogledger.api.tls} of a node's configuration, or null when absent or {@code enabled = off}. */
    static ApiTls fromConfig(com.typesafe.config.Config api, String path) {
        if (!api.hasPath("tls")) {
            return null;
        }
        com.typesafe.config.Config tls = api.getConfig("tls");
        if (tls.hasPath("enabled") && !tls.getBoolean("enabled")) {
            return null;
        }
        if (!tls.hasPath("key-store")) {
            throw new IllegalArgumentException(path + ".tls.key-store is missing (the node's PKCS#12 store, e.g. "
                    + "certs/a0.p12 from 'fogledger certs generate')");
        }
        String password;
        if (tls.hasPath("key-store-password")) {
            password = tls.getString("key-store-password");
        } else if (tls.hasPath("key-store-password-file")) {
            Path file = Path.of(tls.getString("key-store-password-file"));
            try {
                password = Files.readString(file).trim();
            } catch (IOException e) {
                throw new IllegalArgumentException(path + ".tls.key-store-password-file " + file + " cannot be read: "
                        + e.getMessage(), e);
            }
        } else {
            throw new IllegalArgumentException(path + ".tls needs key-store-password or key-store-password-file");
        }
        return new ApiTls(Path.of(tls.getString("key-store")), password);
    }

    @Override
    public String toString() {
        return "ApiTls[" + keyStore + "]";
    }
}
