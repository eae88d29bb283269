package org.fogledger.cluster.fogctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;

/**
 * The operator's private key on disk, in the same form as a validator's key ({@code launcher.ValidatorKeyFile}):
 * a PKCS#8 "PRIVATE KEY" PEM block ({@link Pem}), readable by its owner only, so {@code openssl pkey} reads it
 * too. Keys never leave the operator's machine: fogctl signs with them locally.
 */
final class KeyFiles {
    /** A key file is a few hundred bytes; anything much larger is not one. */
    private static final long MAX_SIZE = 16 * 1024;

    private KeyFiles() {
    }

    /** Writes {@code key} to a new file {@code file} with mode 600; refuses to overwrite anything. */
    static void create(Path file, KeyPair key) {
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            // CREATE_NEW: an existing key is never overwritten, even by a race with another process.
            Files.write(Files.createFile(absolute, ownerOnly()), Pem.writePrivateKey(key).getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw FogctlException.badInput(file + " already exists; fogctl never overwrites a key file (move it"
                    + " away or choose another --out)");
        } catch (IOException e) {
            throw FogctlException.badInput("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Reads a key file (ours, or any PKCS#8 Ed25519 or ML-DSA-65 PEM key). */
    static KeyPair read(Path file) {
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw FogctlException.badInput(file + " is larger than " + MAX_SIZE + " bytes: not a key file");
            }
            return Pem.readPrivateKey(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw FogctlException.badInput("key file " + file + " does not exist (create one with 'fogctl keys"
                    + " generate --out " + file + "')");
        } catch (IOException e) {
            throw FogctlException.badInput("cannot read key file " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw FogctlException.badInput(file + " is not a usable private key: " + e.getMessage());
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
