package io.camfleet.lab;

import io.camfleet.audit.AuditWriter;
import io.camfleet.cli.ShutdownGuard;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.report.EvidenceFile;
import io.camfleet.schemas.TopicPrefix;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The audit files of a run, written from its cluster once the services have finished, with
 * progress, before the report that lists them; how long it took is printed, so the cost of the
 * evidence shows beside the whole run's time.
 */
final class AuditPhase {
  private AuditPhase() {}

  static List<EvidenceFile> write(
      ClientConfig client, TopicPrefix prefix, Path out, ShutdownGuard guard, PrintStream err)
      throws Exception {
    long started = System.nanoTime();
    CatchUpProgress progress =
        CatchUpProgress.onStderr("audit files: %5.1f%% of the records written");
    List<AuditWriter.Written> written;
    try {
      written =
          AuditWriter.writeAll(
              client,
              prefix,
              out,
              fraction -> {
                guard.check();
                progress.show(() -> fraction);
              });
    } finally {
      progress.finished();
    }
    long records = written.stream().mapToLong(AuditWriter.Written::records).sum();
    err.printf(
        "Audit files: %,d records in %s/ in %.1f s%n",
        records,
        out.resolve(io.camfleet.audit.AuditFile.FOLDER).toAbsolutePath().normalize(),
        (System.nanoTime() - started) / 1e9);
    return written.stream()
        .map(w -> new EvidenceFile(w.file().relativePath(), w.records(), w.sha256()))
        .toList();
  }
}
