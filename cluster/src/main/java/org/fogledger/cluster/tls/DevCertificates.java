package org.fogledger.cluster.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development certificate authority and per-node certificates for Artery over TLS ({@code tls-tcp}), as PKCS#12
 * stores that Pekko's {@code ConfigSSLEngineProvider} reads:
 * <ul>
 *   <li>{@code ca.p12}: the CA's key and certificate (keep it off the nodes; it signs new node certificates),
 *   <li>{@code truststore.p12}: the CA certificate alone; every node trusts exactly the certificates it signed,
 *   <li>{@code ca.crt}: the same CA certificate as PEM, for clients of a node's HTTPS API ({@code fogctl --cacert}),
 *   <li>{@code <node>.p12}: the node's key and certificate chain (node, CA), alias {@code node},
 *   <li>{@code <node>-tls.conf}: the Artery settings pointing at them, to include from the node file,
 *   <li>{@code store-password}: the one password of these stores (owner-readable only).
 * </ul>
 * Keys are EC P-256, certificates SHA256withECDSA; node certificates name the node (DNS), {@code localhost} and
 * 127.0.0.1, plus any extra hosts given. Running again reuses the CA and the password and never overwrites a
 * node's store: it only adds the nodes that are missing. For production, use certificates from your own CA with the
 * same layout.
 */
public final class DevCertificates {
    public static final String CA_STORE = "ca.p12";
    public static final String TRUST_STORE = "truststore.p12";
    public static final String CA_CERTIFICATE = "ca.crt";
    public static final String PASSWORD_FILE = "store-password";
    public static final String NODE_ALIAS = "node";
    private static final String CA_ALIAS = "fogledger-dev-ca";
    private static final Pattern NODE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]{1,253}|[0-9a-fA-F:]{2,39}");
    private static final String SIGNATURE = "SHA256withECDSA";

    private final Path dir;
    private final SecureRandom random = new SecureRandom();

    public DevCertificates(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** What a run did for one node. */
    public record NodeStore(String node, Path keyStore, Path artery, boolean created) {
    }

    public static String requireNodeName(String node) {
        if (!NODE_NAME.matcher(node).matches()) {
            throw new IllegalArgumentException("node name '" + node + "' is not allowed: lowercase letters, digits "
                    + "and '-', starting with a letter or digit, at most 63 characters");
        }
        return node;
    }

    /**
     * Creates the CA (unless there is one), the trust store and the stores of the nodes that have none.
     *
     * @param hosts extra host names or IP addresses every new node certificate names
     */
    public List<NodeStore> generate(List<String> nodes, List<String> hosts, Duration validity)
            throws IOException, GeneralSecurityException {
        nodes.forEach(DevCertificates::requireNodeName);
        for (String host : hosts) {
            if (!HOST_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException("'" + host + "' is neither a host name nor an IP address");
            }
        }
        if (validity.isNegative() || validity.isZero() || validity.toDays() > 3650) {
            throw new IllegalArgumentException("validity must be between 1 day and 3650 days, got " + validity);
        }
        Files.createDirectories(dir);
        char[] password = password();
        KeyStore ca = loadOrCreateCa(password, validity);
        PrivateKey caKey = (PrivateKey) ca.getKey(CA_ALIAS, password);
        X509Certificate caCert = (X509Certificate) ca.getCertificate(CA_ALIAS);

        Path trust = dir.resolve(TRUST_STORE);
        if (!Files.exists(trust)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(CA_ALIAS, caCert);
            write(store, trust, password);
        }
        Path caPem = dir.resolve(CA_CERTIFICATE);
        if (!Files.exists(caPem)) {
            Files.writeString(caPem, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64,
                    new byte[] {'\n'}).encodeToString(caCert.getEncoded()) + "\n-----END CERTIFICATE-----\n",
                    StandardCharsets.US_ASCII);
        }
        List<NodeStore> result = new ArrayList<>();
        for (String node : nodes) {
            Path keyStore = dir.resolve(node + ".p12");
            Path artery = dir.resolve(node + "-tls.conf");
            boolean created = false;
            if (!Files.exists(keyStore)) {
                KeyPair nodeKey = ecKey();
                X509Certificate cert = nodeCertificate(node, hosts, nodeKey, caKey, caCert, validity);
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(NODE_ALIAS, nodeKey.getPrivate(), password, new Certificate[] {cert, caCert});
                write(store, keyStore, password);
                created = true;
            }
            if (!Files.exists(artery)) {
                Files.writeString(artery, arteryConfig(keyStore, trust, new String(password)), StandardCharsets.UTF_8);
            }
            result.add(new NodeStore(node, keyStore, artery, created));
        }
        return result;
    }

    /** The Artery settings for a node whose store is {@code keyStore}. */
    public static String arteryConfig(Path keyStore, Path trustStore, String password) {
        return """
                # Artery over TLS with this node's certificate (written by `fogledger certs generate`).
                # Mutual authentication: a peer is accepted only with a certificate signed by the CA in the trust store.
                pekko.remote.artery {
                  transport = tls-tcp
                  ssl.config-ssl-engine {
                    key-store = "%s"
                    key-store-password = "%s"
                    key-password = "%s"
                    trust-store = "%s"
                    trust-store-password = "%s"
                    protocol = "TLSv1.3"
                    enabled-algorithms = ["TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"]
                    require-mutual-authentication = on
                  }
                }
                """.formatted(keyStore, password, password, trustStore, password);
    }

    private char[] password() throws IOException {
        Path file = dir.resolve(PASSWORD_FILE);
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) {
                throw new IOException(file + " is empty; delete it together with the stores, or write the password");
            }
            return text.toCharArray();
        }
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        writeOwnerOnly(file, (password + "\n").getBytes(StandardCharsets.UTF_8));
        return password.toCharArray();
    }

    private KeyStore loadOrCreateCa(char[] password, Duration validity) throws IOException, GeneralSecurityException {
        Path file = dir.resolve(CA_STORE);
        KeyStore store = KeyStore.getInstance("PKCS12");
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            }
            if (!store.isKeyEntry(CA_ALIAS)) {
                throw new IOException(file + " holds no key entry '" + CA_ALIAS + "'; it is not a FogLedger dev CA");
            }
            return store;
        }
        KeyPair key = ecKey();
        X500Name name = new X500Name("CN=FogLedger development CA,O=FogLedger");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity.multipliedBy(2))), name,
                key.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
        X509Certificate cert = sign(builder, key.getPrivate());
        store.load(null, null);
        store.setKeyEntry(CA_ALIAS, key.getPrivate(), password, new Certificate[] {cert});
        write(store, file, password);
        return store;
    }

    private X509Certificate nodeCertificate(String node, List<String> hosts, KeyPair key, PrivateKey caKey,
                                            X509Certificate caCert, Duration validity)
            throws IOException, GeneralSecurityException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCert, serial(),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)),
                new X500Name("CN=" + node + ",O=FogLedger"), key.getPublic());
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, node));
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        for (String host : hosts) {
            boolean ip = host.contains(":") || host.matches("[0-9.]+");
            if (ip) {
                InetAddress.getByName(host); // a malformed address fails here, before it is written
            }
            names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host));
        }
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        // Every node is both a TLS server (it accepts connections) and a client (it opens them).
        builder.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.toArray(GeneralName[]::new)));
        builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
        return sign(builder, caKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE + ": " + e.getMessage(), e);
        }
    }

    private KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private BigInteger serial() {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static void write(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        store.store(bytes, password);
        writeOwnerOnly(file, bytes.toByteArray());
    }

    /** Creates {@code file} readable by its owner only; fails if it exists (nothing is ever overwritten). */
    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(content);
        }
    }
}
