package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policy;
import io.camfleet.schemas.Topics;
import io.camfleet.sharing.topology.SharingTopology;
import io.camfleet.streams.ApplicationIds;
import io.camfleet.streams.StateFolder;
import io.camfleet.testkafka.GroupMembers;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under crashes: the sharing service, enforcing every bundled policy, runs as its own
 * JVM while the world is still being published, is killed with SIGKILL three times, each time after
 * it has committed more of the input, and restarted on the same state folder with a new custody
 * port; the copy verifier then finds no ledger entry, receipt or final counter missing, duplicated
 * or wrong.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SharingCrashIT {
  @TempDir Path tmp;

  /** Input records each incarnation commits before it is killed: some 4% of the default world. */
  private static final long RECORDS_BETWEEN_KILLS = 5_000;

  @Test
  void killedThreeTimesMidRunTheServiceStillWritesEveryCopyAndReceiptOnce() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.startTemporary()) {
      ClientConfig client = new ClientConfig(broker.bootstrapServers(), new Properties());
      TopicAdmin.createTopics(client.toProperties(), Topics.all(), 30);
      List<Policy> policies = CopyCheck.bundledPolicies();
      String group =
          ApplicationIds.of(SharingTopology.SERVICE, policies.stream().map(Policy::name).toList());
      Path state = Files.createTempDirectory(tmp, "sharing-crash-state-");
      // A killed member leaves the group only when its session expires: keep that short here.
      Path config =
          Files.writeString(
              state.resolveSibling(state.getFileName() + ".properties"),
              "session.timeout.ms=6000\nheartbeat.interval.ms=1500\n");
      List<Integer> ports = new ArrayList<>();
      List<Long> killedAt = new ArrayList<>();

      // held at half: every kill comes before the second half is published
      try (WorldFeed input = WorldFeed.heldAt(client, 0.5);
          GroupProgress progress = new GroupProgress(client, group, Topics.WORLD_EVENTS.name());
          ServiceProcess service =
              ServiceProcess.start(
                  "sharing-crash-service",
                  () -> {
                    ports.add(freePort());
                    List<String> args =
                        new ArrayList<>(
                            List.of(
                                "sharing-service",
                                "--bootstrap-servers",
                                broker.bootstrapServers(),
                                "--state-dir",
                                state.toString(),
                                "--kafka-config",
                                config.toString(),
                                "--http-port",
                                String.valueOf(ports.get(ports.size() - 1))));
                    policies.forEach(
                        p -> args.addAll(List.of("--policy", "../policies/" + p.name() + ".yaml")));
                    return args;
                  })) {
        long restartedFrom = 0;
        while (service.kills() < 3) {
          long committed =
              progress.awaitCommitted(restartedFrom + RECORDS_BETWEEN_KILLS, service::isAlive);
          service.killAndRestart();
          killedAt.add(committed);
          restartedFrom = progress.committed();
        }
        input.release();
        input.awaitPublished();
        CopyCheck.awaitFinalStats(client, policies.size(), service::isAlive);
        assertEquals(3, service.kills());
        assertEquals(4, ports.size());
        assertEquals(
            4, ports.stream().distinct().count(), "a new custody port at each start: " + ports);
        assertEquals(
            200,
            custodyStatus(ports.get(3), "metro-pd"),
            "the last incarnation answers custody queries");
        // each restart took its predecessor's place in the group instead of waiting for its
        // session to expire: one member, under the name the state folder gave the first
        assertEquals(
            List.of(Optional.of(StateFolder.memberName(state.resolve(group)) + "-1")),
            GroupMembers.names(client.toProperties(), group));
      }
      System.out.println(
          "sharing crash test: killed at "
              + killedAt
              + " committed input records, custody ports "
              + ports);
      CopyCheck.assertExactlyTheExpectedCopies(client, policies);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int custodyStatus(int port, String holder) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/holders/" + holder + "/copies"))
            .timeout(Duration.ofSeconds(30))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
