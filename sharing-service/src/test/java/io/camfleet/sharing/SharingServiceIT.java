package io.camfleet.sharing;

import static io.camfleet.sharing.DoorstepClip.CAMERA;
import static io.camfleet.sharing.DoorstepClip.DAY;
import static io.camfleet.sharing.DoorstepClip.DAY_0;
import static io.camfleet.sharing.DoorstepClip.alive;
import static io.camfleet.sharing.DoorstepClip.day;
import static io.camfleet.sharing.DoorstepClip.forwarded;
import static io.camfleet.sharing.DoorstepClip.sharedWithPolice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.DailyStats;
import io.camfleet.avro.HolderType;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.sharing.custody.CopyView;
import io.camfleet.sharing.topology.CopyStores;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import io.camfleet.testkafka.TestKafka;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two instances of the sharing service, two policies side by side, on a real broker. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SharingServiceIT {
  private static final ObjectMapper JSON = CustodyApi.JSON;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String STATUS_QUO = "status-quo-2019";
  private static final String NO_FORWARDING = "no-forwarding";

  @TempDir static Path stateDirs;
  private static SharingTopics topics;
  private static SharingService first;
  private static SharingService second;

  @BeforeAll
  static void startTwoInstancesAndRunTheWorld() throws Exception {
    String run = TestKafka.unique("sharing-it");
    topics = SharingTopics.prefixed(TopicPrefix.of(run));
    TestKafka.createTopics(topics.all());
    List<Policy> policies =
        Policies.read(
            List.of(
                Path.of("../policies/status-quo-2019.yaml"),
                Path.of("../policies/no-forwarding.yaml")));
    ClientConfig client = new ClientConfig(TestKafka.bootstrapServers(), null);
    // started together, the two instances join the group in one rebalance
    CompletableFuture<SharingService> starting =
        CompletableFuture.supplyAsync(
            () ->
                SharingService.start(policies, client, options(run, stateDirs.resolve("second"))));
    first = SharingService.start(policies, client, options(run, stateDirs.resolve("first")));
    second = starting.get();

    try (SharingInput input = SharingInput.begin(topics)) {
      input
          .send(CAMERA, sharedWithPolice("copy-police", DAY_0 + DAY))
          .send(
              CAMERA,
              forwarded(
                  "copy-sheriff",
                  "copy-police",
                  "agency-sheriff",
                  HolderType.OTHER_AGENCY,
                  DAY_0 + 2 * DAY))
          .send(
              CAMERA,
              forwarded(
                  "copy-ice",
                  "copy-sheriff",
                  "agency-ice",
                  HolderType.FEDERAL_AGENCY,
                  DAY_0 + 3 * DAY))
          .sendUnreadable(CAMERA, DAY_0 + 3 * DAY)
          .send(
              CAMERA,
              forwarded(
                  "copy-orphan",
                  "copy-never-made",
                  "agency-x",
                  HolderType.OTHER_AGENCY,
                  DAY_0 + 3 * DAY))
          .tickEveryPartition(DAY_0 + 4 * DAY, true)
          .commit();
    }
  }

  private static SharingOptions options(String applicationId, Path stateDir) {
    return new SharingOptions(
        topics,
        applicationId,
        Processing.inStateDir(stateDir),
        Optional.of(HttpEndpoint.loopback(0)));
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Test
  void answersWholeCustodyTreeOfSharedClipThroughInstanceNotHoldingIt() throws Exception {
    awaitRecords(topics.copyLedger(), records -> records.size() >= 4);
    KeyQueryMetadata cameraPartition = settledMetadataFor("cam-1");
    SharingService holder =
        cameraPartition.activeHost().equals(first.httpAddress()) ? first : second;
    SharingService other = holder == first ? second : first;
    assertEquals(cameraPartition.activeHost(), holder.httpAddress());
    assertFalse(
        activePartitions(other).contains(cameraPartition.partition()),
        "the queried instance must not hold partition " + cameraPartition.partition());

    JsonNode custody = awaitCustody(other, "/clips/clip-1/custody");

    CopyView police =
        copy(
            STATUS_QUO,
            "copy-police",
            null,
            "agency-fll",
            HolderType.REQUESTING_POLICE,
            CopyKind.SHARE,
            1);
    CopyView sheriff =
        copy(
            STATUS_QUO,
            "copy-sheriff",
            "copy-police",
            "agency-sheriff",
            HolderType.OTHER_AGENCY,
            CopyKind.FORWARD,
            2);
    CopyView ice =
        copy(
            STATUS_QUO,
            "copy-ice",
            "copy-sheriff",
            "agency-ice",
            HolderType.FEDERAL_AGENCY,
            CopyKind.FORWARD,
            3);
    CopyView policeUnderNoForwarding =
        copy(
            NO_FORWARDING,
            "copy-police",
            null,
            "agency-fll",
            HolderType.REQUESTING_POLICE,
            CopyKind.SHARE,
            1);
    CopyView sheriffBlocked =
        blocked(
            "copy-sheriff",
            2,
            "FORWARDING_FORBIDDEN",
            "the policy forbids police from forwarding footage");
    CopyView iceBlocked =
        blocked(
            "copy-ice",
            3,
            "NO_LIVE_PARENT",
            "parent copy copy-sheriff does not exist under this policy: it was blocked, refused or"
                + " has expired");
    assertEquals(
        JSON.valueToTree(
            Map.of(
                "clipId",
                "clip-1",
                "policies",
                Map.of(
                    STATUS_QUO,
                        List.of(
                            police.withChildren(
                                List.of(
                                    sheriff.withChildren(List.of(ice.withChildren(List.of())))))),
                    NO_FORWARDING,
                        List.of(
                            policeUnderNoForwarding.withChildren(List.of()),
                            sheriffBlocked.withChildren(List.of()),
                            iceBlocked.withChildren(List.of()))))),
        custody);

    // the day the sheriff's copy was made (and blocked under no-forwarding), before the ICE one
    String dayTwo = Instant.ofEpochMilli(DAY_0 + 2 * DAY).toString();
    assertEquals(
        JSON.valueToTree(
            Map.of(
                "clipId",
                "clip-1",
                "policies",
                Map.of(
                    NO_FORWARDING,
                    List.of(
                        policeUnderNoForwarding.withChildren(List.of()),
                        sheriffBlocked.withChildren(List.of()))))),
        awaitCustody(other, "/clips/clip-1/custody?policy=no-forwarding&asOf=" + dayTwo));
    JsonNode provenance = awaitCustody(other, "/clips/clip-1/provenance?asOf=" + dayTwo);
    assertEquals(
        List.of(
            "cf:clip/clip-1",
            "cf:copy/status-quo-2019/copy-police",
            "cf:copy/status-quo-2019/copy-sheriff",
            "cf:copy/no-forwarding/copy-police"),
        fieldNames(provenance.get("entity")));
    assertEquals(
        List.of(
            "cf:share/status-quo-2019/copy-police",
            "cf:forward/status-quo-2019/copy-sheriff",
            "cf:share/no-forwarding/copy-police",
            "cf:block/no-forwarding/copy-sheriff"),
        fieldNames(provenance.get("activity")));
  }

  @Test
  void refusesAMalformedAsOfWith400NamingTheParameter() throws Exception {
    HttpResponse<String> response = CustodyApi.get(first, "/clips/clip-1/custody?asOf=2019-06-03");

    assertEquals(400, response.statusCode());
    assertEquals(
        "malformed asOf '2019-06-03': expected an ISO-8601 instant in UTC, such as"
            + " 2026-01-31T12:00:00Z",
        JSON.readTree(response.body()).get("error").asText());
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void sendsUnreadableAndImpossibleRecordsToDeadLetters() {
    List<ConsumerRecord<byte[], byte[]>> deadLetters =
        awaitRecords(topics.deadLetters(), records -> records.size() >= 2);

    assertEquals(
        List.of(
            "org.apache.kafka.common.errors.SerializationException",
            "io.camfleet.streams.InvariantViolation"),
        deadLetters.stream()
            .map(
                r ->
                    new String(
                        r.headers().lastHeader("__streams.errors.exception").value(),
                        StandardCharsets.UTF_8))
            .toList());
  }

  @Test
  void writesFinalDayOfEachPolicySummedOverEveryPartition() {
    List<ConsumerRecord<byte[], byte[]>> stats =
        awaitRecords(topics.exposureStats(), records -> lastDays(records).size() == 2);

    assertEquals(
        Map.of(
            STATUS_QUO, "copiesCreated=3 copiesAlive=3 householdsExposed=1 forwardsBlocked=0",
            NO_FORWARDING, "copiesCreated=1 copiesAlive=1 householdsExposed=1 forwardsBlocked=2"),
        lastDays(stats).stream()
            .collect(
                Collectors.toMap(
                    DailyStats::getPolicy,
                    day ->
                        "copiesCreated="
                            + day.getMeasures().get("copiesCreated")
                            + " copiesAlive="
                            + day.getMeasures().get("copiesAlive")
                            + " householdsExposed="
                            + day.getMeasures().get("householdsExposed")
                            + " forwardsBlocked="
                            + day.getMeasures().get("forwardsBlocked"))));
  }

  private static List<DailyStats> lastDays(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .map(
            r ->
                topics
                    .exposureStats()
                    .valueSerde()
                    .deserializer()
                    .deserialize(r.topic(), r.value()))
        .filter(DailyStats::getLast)
        .toList();
  }

  /** Where the copies of the camera's clips are kept, once both instances run. */
  private static KeyQueryMetadata settledMetadataFor(String cameraId) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (first.streams().state() == KafkaStreams.State.RUNNING
          && second.streams().state() == KafkaStreams.State.RUNNING) {
        KeyQueryMetadata metadata =
            first
                .streams()
                .queryMetadataForKey(CopyStores.COPIES, cameraId, Serdes.String().serializer());
        if (metadata.activeHost().equals(first.httpAddress())
            || metadata.activeHost().equals(second.httpAddress())) {
          return metadata;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no instance settled as the holder of " + cameraId);
  }

  private static Set<Integer> activePartitions(SharingService instance) {
    return instance.streams().metadataForLocalThreads().stream()
        .flatMap(thread -> thread.activeTasks().stream())
        .flatMap(task -> task.topicPartitions().stream())
        .filter(partition -> partition.topic().equals(topics.worldEvents().name()))
        .map(TopicPartition::partition)
        .collect(Collectors.toSet());
  }

  private static JsonNode awaitCustody(SharingService instance, String path) throws Exception {
    return CustodyApi.await(instance, path, WAIT);
  }

  private static List<ConsumerRecord<byte[], byte[]>> awaitRecords(
      Topic<?, ?> topic, Predicate<List<ConsumerRecord<byte[], byte[]>>> enough) {
    return TestKafka.awaitRecords(topic.name(), enough, WAIT);
  }

  private static CopyView copy(
      String policy,
      String copyId,
      String parent,
      String holder,
      HolderType type,
      CopyKind kind,
      int day) {
    return alive(policy, copyId, parent, holder, type, kind, day(day), null);
  }

  /** A forward the no-forwarding policy blocked. */
  private static CopyView blocked(String copyId, int day, String cause, String reason) {
    return DoorstepClip.blocked(NO_FORWARDING, copyId, day(day), cause, reason);
  }
}
