package org.fogledger.cluster.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;

/**
 * A validator's private key on disk: created once, then reused, so the validator keeps its identity (key id)
 * across restarts. The file is readable by its owner only.
 *
 * <p>The file is a PKCS#8 "PRIVATE KEY" PEM block (see {@link Pem}), so ordinary tools read it too, for
 * instance {@code openssl pkey -in validator.key -pubout}.
 */
final class ValidatorKeyFile {
    /** The key and whether this call created it. */
    record Loaded(KeyPair keyPair, boolean created) {
    }

    private ValidatorKeyFile() {
    }

    /** Reads the key at {@code file}, or creates it there with a fresh key from {@code generator}. */
    static Loaded loadOrCreate(Path file, Supplier<KeyPair> generator) throws IOException {
        if (Files.exists(file)) {
            return new Loaded(read(file), false);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        KeyPair keyPair = generator.get();
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".validator-key-", ".tmp", ownerOnly());
        try {
            Files.writeString(tmp, Pem.writePrivateKey(keyPair), StandardCharsets.UTF_8);
            // No REPLACE_EXISTING: if another process created the key meanwhile, its key wins and we use it.
            Files.move(tmp, file);
            return new Loaded(keyPair, true);
        } catch (FileAlreadyExistsException e) {
            return new Loaded(read(file), false);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a key file written by {@link #loadOrCreate}, or any PKCS#8 Ed25519 or ML-DSA-65 PEM key. */
    static KeyPair read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return Pem.readPrivateKey(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a usable private key: " + e.getMessage(), e);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            };
        }
        return new FileAttribute<?>[0];
    }
}
