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
    private static Path page;
    private static String dom;

    @BeforeAll
    static void openTheReportInChromium() {
        chromium = HeadlessChromium.onPath(dir);
        page = dir.resolve("report.html");
        HtmlReport.write(SampleRunReports.untrustedRunWithFailures(), page);
        dom = chromium.dumpDom(page);
    }

    @Test
    void everyChartIsDrawnWithOnePointPerInterval() {
        ChartsOnPage charts = ChartsOnPage.read(dom);

        assertEquals(List.of(), charts.problems(SampleRunReports.INTERVALS));
        assertEquals(2 * SampleRunReports.KINDS.size() + 1, charts.charts().size());
    }

    @Test
    void theTrustBannerAndTheMissedThresholdAreOnThePage() {
        Document shown = Jsoup.parse(dom);

        Element banner = shown.getElementById("trust");
        assertTrue(banner.hasClass("untrusted"));
        assertTrue(banner.text().contains("These figures cannot be trusted."), banner.text());
        Element missed = shown.selectFirst("#thresholds tr.missed");
        assertTrue(missed.text().contains("p99<500ms") && missed.text().contains("MISSED"), missed.text());
        assertTrue(shown.selectFirst("#checks tr.missed").text().contains("FAILED"));
    }

    @Test
    void theScreenshotShowsTheChartLines() throws IOException {
        BufferedImage shot = ImageIO.read(chromium.screenshot(page, dir.resolve("report.png"), WIDTH, HEIGHT).toFile());

        // One line across a ~1000 px wide chart is over 1000 pixels (the lag line measured ~1300 with half of it
        // under the other lag line); the legend swatches of a colour, the only other place it shows, a few dozen.
        for (int colour : new int[] {COMPLETED_BLUE, P99_ORANGE, LAG_BROWN}) {
            int pixels = pixelsNear(shot, colour);
            assertTrue(pixels > 500, String.format("only %d pixels of #%06x: the chart lines are not on screen",
                    pixels, colour));
        }
    }

    @Test
    void withoutTheChartLibraryTheChecksSeeChartsNotDrawn() throws IOException {
        Path broken = writeBroken("no-library.html", ChartLibrary.uPlot().withoutScript(), UnaryOperator.identity());
        String brokenDom = chromium.dumpDom(broken);
        ChartsOnPage charts = ChartsOnPage.read(brokenDom);

        List<String> problems = charts.problems(SampleRunReports.INTERVALS);
        assertFalse(problems.isEmpty(), "the checker missed charts that cannot have been drawn");
        assertTrue(problems.contains("the page counted 0 charts drawn of " + charts.charts().size()), problems.toString());
        for (ChartsOnPage.Chart chart : charts.charts()) {
            assertEquals(-1, chart.points(), chart.name());
            assertEquals(0, chart.canvases(), chart.name());
            assertTrue(chart.error().contains("chart library"), chart.error());
        }
        assertTrue(Jsoup.parse(brokenDom).text().contains("This chart could not be drawn"), "no visible error");

        BufferedImage shot = ImageIO.read(chromium.screenshot(broken, dir.resolve("no-library.png"), WIDTH, HEIGHT)
                .toFile());
        assertEquals(0, pixelsNear(shot, COMPLETED_BLUE), "chart ink on a page that cannot draw charts");
    }

    @Test
    void withABrokenDataBlobTheChecksSeeChartsNotDrawn() throws IOException {
        Path broken = writeBroken("broken-data.html", ChartLibrary.uPlot(),
                json -> json.substring(0, json.length() / 2));
        ChartsOnPage charts = ChartsOnPage.read(chromium.dumpDom(broken));

        List<String> problems = charts.problems(SampleRunReports.INTERVALS);
        assertFalse(problems.isEmpty(), "the checker missed charts that cannot have been drawn");
        for (ChartsOnPage.Chart chart : charts.charts()) {
            assertEquals(-1, chart.points(), chart.name());
            assertTrue(chart.error().contains("report data could not be read"), chart.error());
        }
    }

    private static Path writeBroken(String name, ChartLibrary library, UnaryOperator<String> dataJson)
            throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, HtmlReport.render(SampleRunReports.untrustedRunWithFailures(), library, dataJson),
                StandardCharsets.UTF_8);
        return file;
    }

    /** Pixels within a small distance of {@code rgb} (anti-aliasing blends a line's edges, not its core). */
    private static int pixelsNear(BufferedImage image, int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y);
                int dr = (pixel >> 16 & 0xff) - r;
                int dg = (pixel >> 8 & 0xff) - g;
                int db = (pixel & 0xff) - b;
                if (dr * dr + dg * dg + db * db <= 24 * 24) {
                    count++;
                }
            }
        }
        return count;
    }
}
