package org.fogledger.simulator.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads UTF-8 text resources the HTML report inlines (its own script and styles, the chart library). */
final class ClasspathText {

    private ClasspathText() {
    }

    /** The resource's text; fails naming the resource when it is missing. */
    static String read(String path) {
        InputStream in = ClasspathText.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("classpath resource " + path + " is missing"
                    + (path.contains("uplot") ? " (is the webjar org.webjars.npm:uplot on the classpath?)" : ""));
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + path, e);
        }
    }
}
