package govlens.jobs.chaos;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code govlens run} in a JVM of its own, started as bin/govlens would start it (the test JVM's classpath and
 * module options), for the tests that kill runs or run several at once. Its output goes to a log file.
 */
public final class GovLensProcess {
    private final Process process;
    private final Path log;

    private GovLensProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code govlens run --input … --warehouse … args…} with {@code -Dgovlens.crashpoint=crashPoint} when
     * that is not null. Topics are off unless {@code args} turn them on.
     */
    public static GovLensProcess start(Path warehouse, List<Path> inputs, String crashPoint, Path log, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens")
                    || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || arg.startsWith("-Djdk.reflect")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Xmx1g");
        cmd.add("-XX:TieredStopAtLevel=1"); // short runs: C1 only starts faster
        if (crashPoint != null) {
            cmd.add("-Dgovlens.crashpoint=" + crashPoint);
        }
        cmd.add("-Dlog4j.configurationFile=log4j2-test.properties");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "govlens.jobs.GovLensCli", "run"));
        cmd.addAll(
                List.of("--master", "local[2]", "--warehouse", warehouse.toString(), "--set", "topics.enabled=false"));
        cmd.add("--input");
        inputs.forEach(p -> cmd.add(p.toString()));
        cmd.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new GovLensProcess(p, log);
    }

    /** Waits for the run to end (at most 10 minutes) and returns its exit code. */
    public int waitFor() throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("govlens run did not end within 10 minutes; log " + log);
        }
        return process.exitValue();
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    /** The log's text. */
    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The log's last lines, for an assertion message. */
    public String tail(int lines) throws IOException {
        List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
