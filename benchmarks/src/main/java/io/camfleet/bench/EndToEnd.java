package io.camfleet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Item 5: {@code camfleet run} in a child JVM on this classpath, with its wall time, peak resident
 * memory and the retention service's state on disk per live clip.
 *
 * <p>The child's temporary folder is one of the bench's own, so its state folders (and the embedded
 * broker's log) are found there and measured while it runs: every {@value #SAMPLE_MS} ms the peak
 * resident set from /proc, and the bytes under the retention service's state folder. The state that
 * counts is the last sample before the report appears, when both services have processed every
 * event and before the run deletes its state: those bytes over the clips alive at the end.
 */
final class EndToEnd {
  private static final String HEAP = "-Xmx2g";
  private static final long SAMPLE_MS = 2_000;

  /**
   * One run's figures.
   *
   * @param policies the policy files given, or empty for every bundled policy
   * @param retentionStateBytes the retention service's state folder just before the report
   * @param peakRetentionStateBytes the most that folder held during the run
   * @param peakBrokerBytes the most the embedded broker's folder held during the run
   * @param liveClips the clips alive at the end under the policy that keeps the most (each is one
   *     entry of the retention store, which holds every policy's part of a clip in one entry)
   * @param policyCount how many policies the run enforced
   */
  record Result(
      List<Path> policies,
      double wallMinutes,
      double peakRssMegabytes,
      int exitCode,
      String heapLimit,
      long retentionStateBytes,
      long peakRetentionStateBytes,
      long peakBrokerBytes,
      long liveClips,
      int policyCount) {

    double stateBytesPerLiveClip() {
      return liveClips == 0 ? Double.NaN : (double) retentionStateBytes / liveClips;
    }
  }

  private EndToEnd() {}

  /** Runs {@code world} with {@code policies} (empty: every bundled policy, as a user would). */
  static Result run(Path world, List<Path> policies) throws Exception {
    Path work = Files.createTempDirectory("camfleet-bench-e2e-");
    Path out = work.resolve("out");
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    try {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command =
          new ArrayList<>(
              List.of(
                  java,
                  HEAP,
                  "-Djava.io.tmpdir=" + tmp,
                  "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.camfleet.avro",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.camfleet.lab.Camfleet",
                  "run",
                  "--world",
                  world.toString(),
                  "--out",
                  out.toString()));
      for (Path policy : policies) {
        command.add("--policy");
        command.add(policy.toString());
      }
      Process process = new ProcessBuilder(command).inheritIO().start();
      long start = System.nanoTime();
      Path status = Path.of("/proc", Long.toString(process.pid()), "status");
      Path report = out.resolve("report.csv");
      long peakKb = 0;
      long retention = 0;
      long peakRetention = 0;
      long peakBroker = 0;
      while (process.isAlive()) {
        peakKb = Math.max(peakKb, highWaterMarkKb(status));
        if (!Files.exists(report)) {
          long now = bytesUnder(tmp, "camfleet-state-", "retention-service");
          if (now > 0) {
            retention = now;
          }
          peakRetention = Math.max(peakRetention, now);
          peakBroker = Math.max(peakBroker, bytesUnder(tmp, "camfleet-kafka-", ""));
        }
        Thread.sleep(SAMPLE_MS);
      }
      int code = process.waitFor();
      double minutes = (System.nanoTime() - start) / 60e9;
      ReportLines lines = Files.exists(report) ? ReportLines.read(report) : ReportLines.NONE;
      return new Result(
          policies,
          minutes,
          peakKb / 1024.0,
          code,
          HEAP,
          retention,
          peakRetention,
          peakBroker,
          lines.mostAlive(),
          lines.policies());
    } finally {
      ServiceBench.deleteRecursively(work);
    }
  }

  /**
   * Bytes of the files under {@code root}'s folders named {@code prefix*}, in their sub-folders
   * whose names start with {@code inner} (empty: all of them).
   */
  static long bytesUnder(Path root, String prefix, String inner) {
    long total = 0;
    try (Stream<Path> tops = Files.list(root)) {
      for (Path top : tops.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        try (Stream<Path> files = Files.walk(top)) {
          total +=
              files
                  .filter(p -> inner.isEmpty() || top.relativize(p).toString().startsWith(inner))
                  .mapToLong(EndToEnd::sizeOf)
                  .sum();
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // a folder vanished while it was walked (RocksDB compactions replace files): this sample
      // reads low, the next one is whole
    }
    return total;
  }

  private static long sizeOf(Path p) {
    try {
      return Files.isRegularFile(p) ? Files.size(p) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The policies of a report.csv and the most clips alive at the end under any of them. */
  record ReportLines(int policies, long mostAlive) {
    static final ReportLines NONE = new ReportLines(0, 0);
    static final String ALIVE = "clipsAliveAtEnd";

    static ReportLines read(Path csv) throws IOException {
      List<List<String>> records = CsvRecords.parse(Files.readString(csv));
      int column = records.get(0).indexOf(ALIVE);
      if (column < 0) {
        throw new IOException(csv + " has no column " + ALIVE);
      }
      long most = 0;
      for (List<String> row : records.subList(1, records.size())) {
        most = Math.max(most, Long.parseLong(row.get(column)));
      }
      return new ReportLines(records.size() - 1, most);
    }
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
