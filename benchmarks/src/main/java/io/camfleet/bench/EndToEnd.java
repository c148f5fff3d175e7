package io.camfleet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Item 5: {@code camfleet run} in a child JVM on this classpath, its wall time and peak resident
 * memory.
 */
final class EndToEnd {
  private static final String HEAP = "-Xmx2g";

  record Result(double wallMinutes, double peakRssMegabytes, int exitCode, String heapLimit) {}

  private EndToEnd() {}

  static Result run(Path world, Path policy) throws Exception {
    Path out = Files.createTempDirectory("camfleet-bench-e2e-");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    HEAP,
                    "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.camfleet.avro",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.camfleet.lab.Camfleet",
                    "run",
                    "--world",
                    world.toString(),
                    "--policy",
                    policy.toString(),
                    "--out",
                    out.toString()))
            .inheritIO()
            .start();
    long start = System.nanoTime();
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    long peakKb = 0;
    while (process.isAlive()) {
      peakKb = Math.max(peakKb, highWaterMarkKb(status));
      Thread.sleep(500);
    }
    int code = process.waitFor();
    ServiceBench.deleteRecursively(out);
    return new Result((System.nanoTime() - start) / 60e9, peakKb / 1024.0, code, HEAP);
  }

  /** VmHWM, the process's peak resident set, from /proc (0 where there is no /proc). */
  private static long highWaterMarkKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (Exception e) {
      // the process has just exited
    }
    return 0;
  }
}
