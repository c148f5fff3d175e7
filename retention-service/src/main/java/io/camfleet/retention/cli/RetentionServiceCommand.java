package io.camfleet.retention.cli;

import io.camfleet.cli.ExitCode;
import io.camfleet.config.ConfigException;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.policy.Policy;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.streams.cli.HttpOptions;
import io.camfleet.streams.cli.KafkaOptions;
import io.camfleet.streams.cli.PolicyOptions;
import io.camfleet.streams.cli.ServiceCommand;
import io.camfleet.streams.cli.StreamsOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code camfleet retention-service}: enforce retention policies until stopped. */
@Command(
    name = "retention-service",
    mixinStandardHelpOptions = true,
    description = {
      "Expires every clip at its policy's retention period, in event time, and writes a receipt for each decision.",
      "Several --policy files run side by side in one application over a single read of world-events.",
      "Serves its metrics in the Prometheus text format at GET /metrics."
    })
public final class RetentionServiceCommand implements Callable<Integer> {
  private static final String NAME = "retention-service";

  @Spec CommandSpec spec;

  @Mixin PolicyOptions policy;

  @Mixin KafkaOptions kafka;

  @Mixin StreamsOptions streams;

  @Mixin HttpOptions http = new HttpOptions(RetentionOptions.DEFAULT_HTTP_PORT);

  /** Told of the running service once it has started (tests stop it through this). */
  Consumer<RetentionService> onStarted = service -> {};

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    List<Policy> policies;
    ClientConfig client;
    RetentionOptions options;
    try {
      policies = policy.policies();
      client = kafka.client();
      options =
          RetentionOptions.of(
              TopicPrefix.NONE, policies, streams.processing(), Optional.of(http.endpoint()));
    } catch (ConfigException | IllegalArgumentException e) {
      err.println(NAME + ": " + e.getMessage());
      return ExitCode.USAGE.code();
    }
    return ServiceCommand.run(
            NAME,
            err,
            () ->
                RetentionService.start(
                    policies, client, options, notice -> err.println(NAME + ": " + notice)),
            service -> {
              err.printf(
                  "retention-service %s running against %s: receipts to %s, statistics to %s%n  metrics at %s%n"
                      + "  state in %s%n",
                  service.applicationId(),
                  client.describe(),
                  options.topics().receipts().name(),
                  options.topics().stats().name(),
                  service.metricsUri().orElseThrow(),
                  service.stateFolder());
              err.flush();
              onStarted.accept(service);
            })
        .code();
  }
}
