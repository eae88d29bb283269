package org.fogledger.simulator.report;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens the HTML report in headless Chromium (Debian's {@code chromium}, a separate process) and checks from what the
 * browser left that every chart was drawn, and from a screenshot that the lines are on screen. Fails, never skips,
 * when chromium is missing. The planted-bug tests break the page (no chart library, a broken data blob) and show that
 * the same checks then report the charts as not drawn.
 */
class HtmlReportInChromiumTest {

    /** The series colours the page's script draws with (report.js): only chart lines and their legend use them. */
    private static final int COMPLETED_BLUE = 0x1f77b4;
    private static final int P99_ORANGE = 0xff7f0e;
    private static final int LAG_BROWN = 0x8c564b;
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 4000;

    @TempDir
    static Path dir;

    private static HeadlessChromium chromium;
    private static HeadlessChromium.LoadedPage shown;

    @BeforeAll
    static void openTheReportInChromium() {
        chromium = HeadlessChromium.onPath(dir);
        Path page = dir.resolve("report.html");
        HtmlReport.write(SampleRunReports.untrustedRunWithFailures(), page);
        shown = chromium.load(page, dir.resolve("report.png"), WIDTH, HEIGHT);
    }

    @Test
    void everyChartIsDrawnWithOnePointPerInterval() {
        ChartsOnPage charts = ChartsOnPage.read(shown.dom());

        assertEquals(List.of(), charts.problems(SampleRunReports.INTERVALS));
        assertEquals(2 * SampleRunReports.KINDS.size() + 1, charts.charts().size());
    }

    @Test
    void theTrustBannerAndTheMissedThresholdAreOnThePage() {
        Document page = Jsoup.parse(shown.dom());

        Element banner = page.getElementById("trust");
        assertTrue(banner.hasClass("untrusted"));
        assertTrue(banner.text().contains("These figures cannot be trusted."), banner.text());
        Element missed = page.selectFirst("#thresholds tr.missed");
        assertTrue(missed.text().contains("p99<500ms") && missed.text().contains("MISSED"), missed.text());
        assertTrue(page.selectFirst("#checks tr.missed").text().contains("FAILED"));
    }

    @Test
    void theScreenshotShowsTheChartLines() throws IOException {
        BufferedImage shot = ImageIO.read(shown.screenshot().toFile());

        // One line across a ~1000 px wide chart is over 1000 pixels (the lag line measured ~1300 with half of it
        // under the other lag line); the legend swatches of a colour, the only other place it shows, a few dozen.
        int[] colours = {COMPLETED_BLUE, P99_ORANGE, LAG_BROWN};
        int[] pixels = pixelsNear(shot, colours);
        for (int i = 0; i < colours.length; i++) {
            assertTrue(pixels[i] > 500, String.format("only %d pixels of #%06x: the chart lines are not on screen",
                    pixels[i], colours[i]));
        }
    }

    @Test
    void withoutTheChartLibraryTheChecksSeeChartsNotDrawn() throws IOException {
        HeadlessChromium.LoadedPage broken = load("no-library", ChartLibrary.uPlot().withoutScript(),
                UnaryOperator.identity());
        ChartsOnPage charts = ChartsOnPage.read(broken.dom());

        List<String> problems = charts.problems(SampleRunReports.INTERVALS);
        assertFalse(problems.isEmpty(), "the checker missed charts that cannot have been drawn");
        assertTrue(problems.contains("the page counted 0 charts drawn of " + charts.charts().size()), problems.toString());
        for (ChartsOnPage.Chart chart : charts.charts()) {
            assertEquals(-1, chart.points(), chart.name());
            assertEquals(0, chart.canvases(), chart.name());
            assertTrue(chart.error().contains("chart library"), chart.error());
        }
        assertTrue(Jsoup.parse(broken.dom()).text().contains("This chart could not be drawn"), "no visible error");
        // The screenshot check fails too: no line colour on a page that cannot draw.
        assertEquals(0, pixelsNear(ImageIO.read(broken.screenshot().toFile()), COMPLETED_BLUE)[0]);
    }

    @Test
    void withABrokenDataBlobTheChecksSeeChartsNotDrawn() throws IOException {
        HeadlessChromium.LoadedPage broken = load("broken-data", ChartLibrary.uPlot(),
                json -> json.substring(0, json.length() / 2));
        ChartsOnPage charts = ChartsOnPage.read(broken.dom());

        List<String> problems = charts.problems(SampleRunReports.INTERVALS);
        assertFalse(problems.isEmpty(), "the checker missed charts that cannot have been drawn");
        for (ChartsOnPage.Chart chart : charts.charts()) {
            assertEquals(-1, chart.points(), chart.name());
            assertTrue(chart.error().contains("report data could not be read"), chart.error());
        }
    }

    /** The sample report rendered through the test seam (to plant a failure), as Chromium shows it. */
    private static HeadlessChromium.LoadedPage load(String name, ChartLibrary library, UnaryOperator<String> dataJson)
            throws IOException {
        Path file = dir.resolve(name + ".html");
        Files.writeString(file, HtmlReport.render(SampleRunReports.untrustedRunWithFailures(), library, dataJson),
                StandardCharsets.UTF_8);
        return chromium.load(file, dir.resolve(name + ".png"), WIDTH, HEIGHT);
    }

    /** Per colour, the pixels within a small distance of it (anti-aliasing blends a line's edges, not its core). */
    private static int[] pixelsNear(BufferedImage image, int... colours) {
        int[] counts = new int[colours.length];
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int pixel : pixels) {
            for (int i = 0; i < colours.length; i++) {
                int dr = (pixel >> 16 & 0xff) - (colours[i] >> 16 & 0xff);
                int dg = (pixel >> 8 & 0xff) - (colours[i] >> 8 & 0xff);
                int db = (pixel & 0xff) - (colours[i] & 0xff);
                if (dr * dr + dg * dg + db * db <= 24 * 24) {
                    counts[i]++;
                }
            }
        }
        return counts;
    }
}
