package org.fogledger.simulator.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's {@code chromium}, run headless as a separate process to load a page from disk, run its scripts and hand
 * back the resulting DOM or a screenshot. A missing chromium fails the test (it is never skipped): CI installs it.
 */
final class HeadlessChromium {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path executable;
    private final Path workDir;

    private HeadlessChromium(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /** The {@code chromium} on the PATH, with its profiles and logs under {@code workDir}; fails when absent. */
    static HeadlessChromium onPath(Path workDir) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "chromium");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new HeadlessChromium(candidate, workDir);
            }
        }
        return fail("chromium is not installed (no 'chromium' on the PATH: " + path + "). This test opens the HTML "
                + "report in headless Chromium; install Debian's package with 'apt-get install -y chromium' "
                + "(.ci/run installs it in CI).");
    }

    /** What Chromium left of a page after running its scripts: the DOM it serialised and a screenshot. */
    record LoadedPage(String dom, Path screenshot) {
    }

    /**
     * Loads the page, runs its scripts, and returns the DOM it ends with and a PNG of its first {@code width} x
     * {@code height} pixels (one launch does both: each launch costs seconds).
     */
    LoadedPage load(Path page, Path png, int width, int height) {
        String dom = run(List.of("--dump-dom", "--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height, "--hide-scrollbars", page.toUri().toString()));
        if (!Files.isRegularFile(png)) {
            fail("chromium exited normally but wrote no screenshot at " + png);
        }
        return new LoadedPage(dom, png);
    }

    private String run(List<String> action) {
        try {
            Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
            Path out = workDir.resolve(profile.getFileName() + ".out");
            Path err = workDir.resolve(profile.getFileName() + ".err");
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless=new", "--no-sandbox",
                    "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                    "--disable-extensions", "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
            command.addAll(action);
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command)
                        + "\n" + tail(err));
            }
            if (process.exitValue() != 0) {
                fail("chromium exited with " + process.exitValue() + ": " + String.join(" ", command) + "\n" + tail(err));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fail("cannot run chromium (" + executable + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for chromium", e);
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
