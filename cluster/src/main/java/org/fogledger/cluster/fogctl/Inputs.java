package org.fogledger.cluster.fogctl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading the operator's files (and standard input, as {@code -}), bounded in size. */
final class Inputs {
    /** A named text: the file's path, or {@code -}. */
    record Source(String name, String text) {
    }

    private Inputs() {
    }

    /** The files {@code -f} names: a file, {@code -}, or a directory's *.yaml, *.yml and *.json in name order. */
    static List<Source> manifests(List<String> paths, InputStream stdin) {
        List<Source> sources = new ArrayList<>();
        for (String path : paths) {
            if (path.equals("-")) {
                sources.add(new Source("-", stdin(stdin, ManifestReader.MAX_LENGTH)));
                continue;
            }
            Path file = Path.of(path);
            if (Files.isDirectory(file)) {
                List<Path> files;
                try (Stream<Path> listing = Files.list(file)) {
                    files = listing.filter(Files::isRegularFile).filter(p -> p.getFileName().toString()
                            .matches(".*\\.(ya?ml|json)")).sorted().toList();
                } catch (IOException e) {
                    throw FogctlException.badInput("cannot list " + file + ": " + e.getMessage());
                }
                if (files.isEmpty()) {
                    throw FogctlException.badInput(file + " holds no .yaml, .yml or .json file");
                }
                files.forEach(f -> sources.add(new Source(f.toString(), text(f, ManifestReader.MAX_LENGTH))));
            } else {
                sources.add(new Source(path, text(file, ManifestReader.MAX_LENGTH)));
            }
        }
        return sources;
    }

    static String text(Path file, int maxChars) {
        try {
            long size = Files.size(file);
            if (size > maxChars * 4L) {
                throw FogctlException.badInput(file + " is " + size + " bytes, more than fogctl reads (" + maxChars
                        + " characters)");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw FogctlException.badInput(file + " does not exist");
        } catch (IOException e) {
            throw FogctlException.badInput("cannot read " + file + ": " + e.getMessage());
        }
    }

    static String stdin(InputStream in, int maxChars) {
        try {
            byte[] bytes = in.readNBytes(maxChars * 4 + 1);
            if (bytes.length > maxChars * 4) {
                throw FogctlException.badInput("standard input is longer than fogctl reads (" + maxChars
                        + " characters)");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw FogctlException.badInput("cannot read standard input: " + e.getMessage());
        }
    }
}
