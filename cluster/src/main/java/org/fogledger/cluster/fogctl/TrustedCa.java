package org.fogledger.cluster.fogctl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of {@code --cacert FILE}: trusts exactly the CA certificates in a PEM file, so that fogctl talks
 * to a node whose API certificate a private CA signed (the development CA of {@code fogledger certs generate}).
 */
final class TrustedCa {
    /** CA bundles are a few kilobytes; a much larger file is not one. */
    static final long MAX_BYTES = 1024 * 1024;

    private TrustedCa() {
    }

    static SSLContext context(Path pem) {
        try {
            if (!Files.isRegularFile(pem)) {
                throw FogctlException.badInput("--cacert " + pem + ": no such file");
            }
            if (Files.size(pem) > MAX_BYTES) {
                throw FogctlException.badInput("--cacert " + pem + ": larger than " + MAX_BYTES + " bytes; not a CA"
                        + " certificate file");
            }
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(pem)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certificates.isEmpty()) {
                throw FogctlException.badInput("--cacert " + pem + ": no certificate in it (expected PEM, -----BEGIN"
                        + " CERTIFICATE-----)");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw FogctlException.badInput("--cacert " + pem + ": not a PEM certificate file: " + e.getMessage());
        }
    }
}
