package io.camfleet.lab;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policy;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.schemas.Topics;
import io.camfleet.sharing.SharingService;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The copy verifier against an undisturbed run of the sharing service: it must find nothing. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CopyVerifierIT {
  @TempDir Path tmp;

  @Test
  void cleanRunHasEveryCopyReceiptAndFinalCounterOnce() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.startTemporary()) {
      ClientConfig client = new ClientConfig(broker.bootstrapServers(), new Properties());
      TopicAdmin.createTopics(client.toProperties(), Topics.all(), 30);
      WorldFeed.publishAll(client);
      List<Policy> policies = CopyCheck.bundledPolicies();
      long started = System.nanoTime();
      try (SharingService service =
          SharingService.start(
              policies,
              client,
              SharingOptions.of(
                  TopicPrefix.NONE,
                  policies,
                  Processing.inStateDir(Files.createTempDirectory(tmp, "copy-verifier-state-")),
                  Optional.of(HttpEndpoint.loopback(0))))) {
        CopyCheck.awaitFinalStats(
            client, policies.size(), () -> service.streams().state().isRunningOrRebalancing());
      }
      System.out.printf(
          "sharing service, clean run: %.1f s to the final statistics%n",
          (System.nanoTime() - started) / 1e9);
      CopyCheck.assertExactlyTheExpectedCopies(client, policies);
    }
  }
}
