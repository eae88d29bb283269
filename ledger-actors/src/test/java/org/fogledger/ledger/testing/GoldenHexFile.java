package org.fogledger.ledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Golden vector files: hex, 64 bytes a line, after '#' comment lines that say what the bytes are and how to
 * regenerate them. Shared by every golden test so all vectors look and read the same.
 */
public final class GoldenHexFile {
    private GoldenHexFile() {
    }

    public static byte[] read(Path path) {
        try {
            StringBuilder hex = new StringBuilder();
            for (String line : Files.readAllLines(path, StandardCharsets.US_ASCII)) {
                if (!line.startsWith("#")) {
                    hex.append(line.strip());
                }
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} under two comment lines: what they are, and which test checks them. */
    public static void write(Path path, String description, String checkedBy, String regenerateProperty, byte[] bytes) {
        String hex = HexFormat.of().formatHex(bytes);
        StringBuilder text = new StringBuilder();
        text.append("# ").append(description).append('\n');
        text.append("# ").append(bytes.length).append(" bytes. Checked by ").append(checkedBy)
                .append("; regenerate only deliberately with -D").append(regenerateProperty).append("=true\n");
        for (int i = 0; i < hex.length(); i += 128) {
            text.append(hex, i, Math.min(hex.length(), i + 128)).append('\n');
        }
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
