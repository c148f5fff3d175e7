package io.camfleet.streams;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How a service's Kafka Streams application processes: its guarantee ({@code exactly_once_v2} or
 * {@code at_least_once}), the folder that holds its state folder (empty: a {@code state.dir} among
 * the client settings, else Kafka Streams' default), its number of stream threads (more than the
 * partitions of its input leaves some idle), and whether to delete its state, here and on the
 * cluster, before it starts ({@link StateFolder}).
 */
public record Processing(
    String guarantee, Optional<Path> stateDir, int threads, boolean resetState) {

  public Processing {
    guarantee = StreamsSettings.processingGuarantee(Objects.requireNonNull(guarantee, "guarantee"));
    Objects.requireNonNull(stateDir, "stateDir");
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be 1 or more, not " + threads);
    }
  }

  /** Exactly-once v2, Kafka Streams' state folder, one thread, the state kept. */
  public static Processing defaults() {
    return new Processing(StreamsConfig.EXACTLY_ONCE_V2, Optional.empty(), 1, false);
  }

  /** {@link #defaults()} with the state in {@code dir}. */
  public static Processing inStateDir(Path dir) {
    return new Processing(StreamsConfig.EXACTLY_ONCE_V2, Optional.of(dir), 1, false);
  }

  /** The same with {@code count} stream threads. */
  public Processing withThreads(int count) {
    return new Processing(guarantee, stateDir, count, resetState);
  }

  /** The same under {@code processingGuarantee}. */
  public Processing withGuarantee(String processingGuarantee) {
    return new Processing(processingGuarantee, stateDir, threads, resetState);
  }
}
