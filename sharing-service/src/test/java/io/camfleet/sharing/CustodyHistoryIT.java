package io.camfleet.sharing;

import static io.camfleet.sharing.DoorstepClip.CAMERA;
import static io.camfleet.sharing.DoorstepClip.alive;
import static io.camfleet.sharing.DoorstepClip.blocked;
import static io.camfleet.sharing.DoorstepClip.day;
import static io.camfleet.sharing.DoorstepClip.forwarded;
import static io.camfleet.sharing.DoorstepClip.sharedWithPolice;
import static io.camfleet.sharing.DoorstepClip.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.HolderType;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.sharing.custody.CopyView;
import io.camfleet.sharing.custody.CopyViews;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import io.camfleet.testkafka.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custody history on a real broker: a copy that expired and one that was blocked answer with
 * their status and time over HTTP, and an instance started again on an empty state folder rebuilds
 * that history from the changelogs.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CustodyHistoryIT {
  private static final String POLICY = "police-copies-180-days";
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path stateDirs;

  @Test
  void expiredAndBlockedCopiesAnswerWithTheirEndAndComeBackFromTheChangelogs() throws Exception {
    String run = TestKafka.unique("custody-history-it");
    SharingTopics topics = SharingTopics.prefixed(TopicPrefix.of(run));
    TestKafka.createTopics(topics.all());
    List<Policy> policies = Policies.read(List.of(Path.of("../policies/" + POLICY + ".yaml")));
    // the first instance leaves the group when it closes; should it not, the instance started
    // again would wait for its session to expire, so keep that short.
    Properties session = new Properties();
    session.put("session.timeout.ms", "6000");
    session.put("heartbeat.interval.ms", "1500");
    ClientConfig client = new ClientConfig(TestKafka.bootstrapServers(), session);

    CopyView police =
        alive(
            POLICY,
            "copy-police",
            null,
            "agency-fll",
            HolderType.REQUESTING_POLICE,
            CopyKind.SHARE,
            day(1),
            day(181));
    CopyView policeExpired =
        CopyViews.ended(
            police,
            "EXPIRED",
            text(day(181)),
            "COPY_EXPIRED",
            "HOLDER_LIFETIME_ENDED",
            "copies held by REQUESTING_POLICE live 180 days");
    CopyView lateForwardBlocked =
        blocked(
            POLICY,
            "copy-late",
            day(187),
            "NO_LIVE_PARENT",
            "parent copy copy-police does not exist under this policy: it was blocked, refused or"
                + " has expired");
    JsonNode custody =
        tree(
            List.of(
                policeExpired.withChildren(List.of()), lateForwardBlocked.withChildren(List.of())));
    JsonNode holderCopies =
        CustodyApi.JSON.valueToTree(
            Map.of("holderId", "agency-fll", "policies", Map.of(POLICY, List.of(policeExpired))));
    String dayHundred = text(day(100));

    JsonNode provenance;
    try (SharingService service =
        SharingService.start(policies, client, options(topics, run, stateDirs.resolve("first")))) {
      try (SharingInput input = SharingInput.begin(topics)) {
        input
            .send(CAMERA, sharedWithPolice("copy-police", day(1)))
            .tickEveryPartition(day(185), false)
            .send(
                CAMERA,
                forwarded(
                    "copy-late",
                    "copy-police",
                    "agency-sheriff",
                    HolderType.OTHER_AGENCY,
                    day(187)))
            .tickEveryPartition(day(188), true)
            .commit();
      }
      TestKafka.awaitRecords(topics.copyReceipts().name(), records -> records.size() >= 2, WAIT);

      assertEquals(custody, CustodyApi.await(service, "/clips/clip-1/custody", WAIT));
      assertEquals(holderCopies, CustodyApi.await(service, "/holders/agency-fll/copies", WAIT));
      assertEquals(
          tree(List.of(police.withChildren(List.of()))),
          CustodyApi.await(service, "/clips/clip-1/custody?asOf=" + dayHundred, WAIT));
      provenance = CustodyApi.await(service, "/clips/clip-1/provenance", WAIT);
    }

    Path empty = stateDirs.resolve("second");
    assertFalse(Files.exists(empty));
    try (SharingService restarted =
        SharingService.start(policies, client, options(topics, run, empty))) {
      assertEquals(custody, CustodyApi.await(restarted, "/clips/clip-1/custody", WAIT));
      assertEquals(holderCopies, CustodyApi.await(restarted, "/holders/agency-fll/copies", WAIT));
      assertEquals(provenance, CustodyApi.await(restarted, "/clips/clip-1/provenance", WAIT));
    }
  }

  private static SharingOptions options(SharingTopics topics, String applicationId, Path state) {
    return new SharingOptions(
        topics, applicationId, Processing.inStateDir(state), Optional.of(HttpEndpoint.loopback(0)));
  }

  private static JsonNode tree(List<CopyView> roots) {
    return CustodyApi.JSON.valueToTree(
        Map.of("clipId", "clip-1", "policies", Map.of(POLICY, roots)));
  }
}
