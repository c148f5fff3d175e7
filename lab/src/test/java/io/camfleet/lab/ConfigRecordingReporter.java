package io.camfleet.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

/**
 * A metrics reporter named in a test's --kafka-config: every Kafka client that receives that file
 * instantiates it, and it writes one line per client (its client id) to the file the same config
 * names, so a test can see which clients got the settings.
 */
public final class ConfigRecordingReporter implements MetricsReporter {
  public static final String FILE_CONFIG = "camfleet.test.reporter.file";

  @Override
  public void configure(Map<String, ?> configs) {
    Object file = configs.get(FILE_CONFIG);
    if (file == null) {
      return;
    }
    String clientId = String.valueOf(configs.get("client.id"));
    try {
      Files.writeString(
          Path.of(file.toString()),
          clientId + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void init(List<KafkaMetric> metrics) {}

  @Override
  public void metricChange(KafkaMetric metric) {}

  @Override
  public void metricRemoval(KafkaMetric metric) {}

  @Override
  public void close() {}
}
