package org.fogledger.simulator.engine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleProgressTest {

    private static Progress at(long seconds) {
        return new Progress(seconds * 1000, 30_000, 1234.4, 12.34, 3, 5000, 0.4, 0, 17);
    }

    @Test
    void the_line_shows_elapsed_rate_p99_errors_and_lag() {
        assertEquals("[  12s/30s]     1,234 ops/s  p99     12.3 ms  errors 3  lag 0.4 ms  in flight 17",
                ConsoleProgress.format(at(12)));
        Progress behind = new Progress(12_000, 30_000, 10, 1, 0, 10, 250, 1200, 3);
        assertTrue(ConsoleProgress.format(behind).contains("lag 250.0 ms (1,200 sends behind)"));
    }

    @Test
    void without_a_terminal_a_plain_line_every_five_seconds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        for (int s = 1; s <= 12; s++) {
            progress.onProgress(at(s));
        }
        progress.onFinished();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(3, out.lines().count(), out);
        assertTrue(out.lines().allMatch(l -> l.startsWith("[   1s") || l.startsWith("[   6s") || l.startsWith("[  11s")),
                out);
        assertTrue(!out.contains("\r"));
    }

    @Test
    void on_a_terminal_one_line_is_rewritten_every_second() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        for (int s = 1; s <= 3; s++) {
            progress.onProgress(at(s));
        }
        progress.onFinished();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(3, out.chars().filter(c -> c == '\r').count());
        assertTrue(out.endsWith("\n"));
        assertEquals(1, out.chars().filter(c -> c == '\n').count());
    }
}
