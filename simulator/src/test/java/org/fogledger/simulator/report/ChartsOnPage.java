package org.fogledger.simulator.report;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;

/**
 * What a browser left of the report's charts, read from the DOM after the page's scripts ran: the checker that
 * says whether every chart was really drawn.
 *
 * @param expected how many charts the page announced (body data-charts-expected)
 * @param drawn    how many it counted as drawn (body data-charts-drawn), -1 when the script never set it
 * @param charts   each chart container's state
 */
record ChartsOnPage(int expected, int drawn, List<Chart> charts) {

    /**
     * One chart container.
     *
     * @param name     its kind and operation, for messages
     * @param points   its data-drawn attribute, -1 when absent (never drawn)
     * @param canvases {@code <canvas>} elements inside it
     * @param error    its data-chart-error, empty when none
     */
    record Chart(String name, int points, int canvases, String error) {
    }

    static ChartsOnPage read(String dom) {
        Document page = Jsoup.parse(dom);
        List<Chart> charts = new ArrayList<>();
        for (Element container : page.select("div.chart")) {
            String name = container.attr("data-chart")
                    + (container.hasAttr("data-operation") ? " #" + container.attr("data-operation") : "");
            charts.add(new Chart(name, number(container.attr("data-drawn")), container.select("canvas").size(),
                    container.attr("data-chart-error")));
        }
        return new ChartsOnPage(number(page.body().attr("data-charts-expected")),
                number(page.body().attr("data-charts-drawn")), List.copyOf(charts));
    }

    /** Everything that shows a chart was not drawn with {@code points} points; empty when all were. */
    List<String> problems(int points) {
        List<String> problems = new ArrayList<>();
        if (charts.isEmpty()) {
            problems.add("the page has no chart containers");
        }
        if (expected != charts.size()) {
            problems.add("the page announced " + expected + " charts but holds " + charts.size());
        }
        if (drawn != charts.size()) {
            problems.add("the page counted " + drawn + " charts drawn of " + charts.size());
        }
        for (Chart chart : charts) {
            if (!chart.error().isEmpty()) {
                problems.add(chart.name() + ": " + chart.error());
            }
            if (chart.points() < 0) {
                problems.add(chart.name() + ": not drawn");
            } else if (chart.points() != points) {
                problems.add(chart.name() + ": drawn with " + chart.points() + " points, expected " + points);
            }
            if (chart.canvases() == 0) {
                problems.add(chart.name() + ": no <canvas>");
            }
        }
        return problems;
    }

    private static int number(String attribute) {
        try {
            return attribute.isEmpty() ? -1 : Integer.parseInt(attribute);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
