package io.camfleet.streams.cli;

import io.camfleet.kafka.ClientConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Picocli mixin: {@code --bootstrap-servers} and {@code --kafka-config}, how every Kafka client of
 * a service reaches the cluster.
 */
public final class KafkaOptions {
  @Option(
      names = "--bootstrap-servers",
      required = true,
      paramLabel = "HOST:PORT",
      description = "Kafka cluster.")
  String bootstrapServers;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description = "Client properties (SASL, SSL...) for every Kafka client.")
  Path kafkaConfig;

  /**
   * The cluster address and the client properties of the file, if one was given.
   *
   * @throws IllegalArgumentException naming the file, if it cannot be read
   */
  public ClientConfig client() {
    return ClientConfig.of(bootstrapServers, kafkaConfig);
  }
}
