package org.fogledger.simulator.engine;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The live progress line. On a terminal it rewrites one line every second; otherwise (CI logs, pipes) it prints a
 * plain line every five seconds, so logs stay readable.
 */
public final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;
    private final boolean terminal;
    private long lastPrintedMillis = Long.MIN_VALUE;
    private int lastWidth;

    public ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Progress on standard output, as a rewritten line when a terminal is attached. */
    public static ConsoleProgress onStandardOutput() {
        return new ConsoleProgress(System.out, System.console() != null);
    }

    @Override
    public void onProgress(Progress p) {
        String line = format(p);
        if (terminal) {
            int pad = Math.max(0, lastWidth - line.length());
            out.print("\r" + line + " ".repeat(pad));
            out.flush();
            lastWidth = line.length();
        } else if (lastPrintedMillis == Long.MIN_VALUE || p.elapsedMillis() - lastPrintedMillis >= 4500) {
            out.println(line);
            lastPrintedMillis = p.elapsedMillis();
        }
    }

    @Override
    public void onFinished() {
        if (terminal && lastWidth > 0) {
            out.println();
        }
    }

    /** One progress line: {@code [  12s/30s]  1,024 ops/s  p99 12.3 ms  errors 3  lag 0.4 ms  in flight 17}. */
    public static String format(Progress p) {
        String s = String.format(Locale.ROOT, "[%4ds/%ds] %,9.0f ops/s  p99 %8.1f ms  errors %,d  lag %.1f ms",
                p.elapsedMillis() / 1000, p.totalMillis() / 1000, p.opsPerSecond(), p.p99Ms(), p.errors(), p.lagMs());
        if (p.behind() > 0) {
            s += String.format(Locale.ROOT, " (%,d sends behind)", p.behind());
        }
        return s + String.format(Locale.ROOT, "  in flight %,d", p.inFlight());
    }
}
