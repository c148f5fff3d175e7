package io.camfleet.streams.cli;

import io.camfleet.streams.Processing;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Option;

/**
 * Picocli mixin: {@code --state-dir}, {@code --reset-state}, {@code --processing-guarantee} and
 * {@code --threads}, how a service's Kafka Streams application processes.
 */
public final class StreamsOptions {
  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = {
        "Folder of the local state stores, in a subfolder named by the application id (default:"
            + " ${sys:java.io.tmpdir}${sys:file.separator}kafka-streams, Kafka Streams' default).",
        "State built on another Kafka cluster is deleted at start; state built from an earlier world-events is refused."
      })
  Path stateDir;

  @Option(
      names = "--reset-state",
      description =
          "Delete this application's state before starting: its local state folder, and on the cluster its"
              + " committed offsets and internal topics (changelogs, repartition topics), so that world-events is processed"
              + " again from the start. Output topics are left as they are. Stop every instance first.")
  boolean resetState;

  @Option(
      names = "--processing-guarantee",
      paramLabel = "GUARANTEE",
      defaultValue = StreamsConfig.EXACTLY_ONCE_V2,
      description = "exactly_once_v2 (default) or at_least_once.")
  String guarantee;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Stream threads (default ${DEFAULT-VALUE}); up to one per partition of world-events is useful.")
  int threads;

  /**
   * What was given.
   *
   * @throws IllegalArgumentException naming the option, for an unknown guarantee or fewer than one
   *     thread
   */
  public Processing processing() {
    return new Processing(guarantee, Optional.ofNullable(stateDir), threads, resetState);
  }
}
