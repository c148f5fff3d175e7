package io.camfleet.lab;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.ClusterReach;
import io.camfleet.policy.Policies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options {@code run} and {@code sweep} share: the policies, the cluster and its client
 * settings, and how long the services may make no progress.
 */
final class EngineOptions {
  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "Policy file (repeatable; default every file in policies/, from this folder or else from camfleet's own).")
  List<Path> policyFiles;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Use this Kafka cluster instead of an embedded broker.")
  String bootstrapServers;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description = "Client properties (SASL, SSL...) for every Kafka client.")
  Path kafkaConfig;

  @Option(
      names = "--timeout",
      defaultValue = "PT30M",
      paramLabel = "DURATION",
      description =
          "Give up if the services make no progress for this long after the simulation; a run that"
              + " still progresses goes on (default ${DEFAULT-VALUE}; 30m, 90s, 2h or PT30M).")
  Duration timeout;

  /** The policy files given, or every file of the installation's policies/ folder. */
  List<Path> policyFiles() {
    return policyFiles == null || policyFiles.isEmpty()
        ? Policies.filesIn(Installation.resolveDefault(Path.of("policies")))
        : policyFiles;
  }

  /** The stall timeout, checked. */
  Duration timeout(CommandSpec spec) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new ParameterException(
          spec.commandLine(), "--timeout must be longer than 0, not " + timeout);
    }
    return timeout;
  }

  /** The client settings of --kafka-config, read and checked. */
  Properties clientSettings() {
    return ClientConfig.readProperties(kafkaConfig);
  }

  /** The cluster given, checked to answer; empty for an embedded broker. */
  Optional<String> reachableCluster() {
    if (bootstrapServers != null) {
      ClusterReach.require(bootstrapServers);
    }
    return Optional.ofNullable(bootstrapServers);
  }
}
