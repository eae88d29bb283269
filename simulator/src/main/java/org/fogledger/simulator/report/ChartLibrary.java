package org.fogledger.simulator.report;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * The chart library the HTML report inlines: uPlot (MIT), read from its webjar on the classpath so that the report
 * opens without a network. The version is the webjar's own (its pom.properties), so the parent pom pins it once.
 *
 * @param name       the library's name, for the notice
 * @param version    its version
 * @param licence    its licence text, kept in the report next to the inlined code
 * @param script     the minified script (defines the global {@code uPlot})
 * @param stylesheet its stylesheet
 */
record ChartLibrary(String name, String version, String licence, String script, String stylesheet) {

    private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    ChartLibrary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(licence, "licence");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(stylesheet, "stylesheet");
        // The texts go verbatim into <script> and <style> elements and comments: any of these would end them early.
        requireAbsent(script, "</script", "uPlot script");
        requireAbsent(script, "<!--", "uPlot script");
        requireAbsent(stylesheet, "</style", "uPlot stylesheet");
        requireAbsent(licence, "*/", "uPlot licence");
        requireAbsent(licence, "</", "uPlot licence");
    }

    /** uPlot from its webjar; fails naming the missing resource when the webjar is not on the classpath. */
    static ChartLibrary uPlot() {
        return Holder.UPLOT;
    }

    /** The same library without its script: the page then cannot draw (used by tests to plant that failure). */
    ChartLibrary withoutScript() {
        return new ChartLibrary(name, version, licence, "", stylesheet);
    }

    /** The notice that precedes the inlined code, as the MIT licence asks. */
    String notice() {
        return name + " " + version + " (https://github.com/leeoniya/uPlot), inlined into this report.\n" + licence;
    }

    private static void requireAbsent(String text, String forbidden, String what) {
        if (text.toLowerCase(Locale.ROOT).contains(forbidden)) {
            throw new IllegalStateException(what + " contains '" + forbidden + "' and cannot be inlined as is");
        }
    }

    private static final class Holder {
        static final ChartLibrary UPLOT = load();

        private static ChartLibrary load() {
            Properties webjar = new Properties();
            try {
                webjar.load(new StringReader(ClasspathText.read(WEBJAR_PROPERTIES)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + WEBJAR_PROPERTIES, e);
            }
            String version = webjar.getProperty("version");
            if (version == null || version.isBlank()) {
                throw new IllegalStateException(WEBJAR_PROPERTIES + " names no version");
            }
            String base = "META-INF/resources/webjars/uplot/" + version + "/";
            return new ChartLibrary("uPlot", version, ClasspathText.read(base + "LICENSE"),
                    ClasspathText.read(base + "dist/uPlot.iife.min.js"), ClasspathText.read(base + "dist/uPlot.min.css"));
        }
    }
}
