package io.camfleet.sharing.cli;

import io.camfleet.cli.ExitCode;
import io.camfleet.config.ConfigException;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.policy.Policy;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.sharing.SharingService;
import io.camfleet.sharing.config.SharingOptions;
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

/** {@code camfleet sharing-service}: runs the copy ledger and custody API until SIGTERM. */
@Command(
    name = "sharing-service",
    mixinStandardHelpOptions = true,
    description = {
      "Records every copy of shared footage, applies the policies to shares and onward copies,"
          + " expires copies, writes copy-ledger, copy-receipts and exposure-stats, and answers"
          + " custody queries over HTTP:",
      "  GET /clips/{clipId}/custody",
      "  GET /holders/{holderId}/copies",
      "  (each with an optional ?policy=NAME)",
      "and serves its metrics in the Prometheus text format at GET /metrics on the same port."
    })
public final class SharingServiceCommand implements Callable<Integer> {
  private static final String NAME = "sharing-service";

  @Spec CommandSpec spec;

  @Mixin PolicyOptions policy;

  @Mixin KafkaOptions kafka;

  @Mixin StreamsOptions streams;

  @Mixin HttpOptions http = new HttpOptions(SharingOptions.DEFAULT_HTTP_PORT);

  /** Told of the running service once it has started (tests stop it through this). */
  Consumer<SharingService> onStarted = service -> {};

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Policy> policies;
    ClientConfig client;
    SharingOptions options;
    try {
      policies = policy.policies();
      client = kafka.client();
      options =
          SharingOptions.of(
              TopicPrefix.NONE, policies, streams.processing(), Optional.of(http.endpoint()));
    } catch (ConfigException | IllegalArgumentException e) {
      err.println(NAME + ": " + e.getMessage());
      return ExitCode.USAGE.code();
    }
    return ServiceCommand.run(
            NAME,
            err,
            () ->
                SharingService.start(
                    policies, client, options, notice -> err.println(NAME + ": " + notice)),
            service -> {
              out.printf(
                  "sharing-service %s running on %s%n  custody API at http://%s:%d/clips/{clipId}/custody%n"
                      + "  metrics at %s%n  state in %s%n",
                  policies.stream().map(Policy::name).toList(),
                  client.describe(),
                  service.httpAddress().host(),
                  service.httpPort(),
                  service.metricsUri(),
                  service.stateFolder());
              out.flush();
              onStarted.accept(service);
            })
        .code();
  }
}
