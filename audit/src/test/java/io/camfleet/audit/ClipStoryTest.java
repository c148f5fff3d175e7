package io.camfleet.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camfleet.avro.Answer;
import io.camfleet.avro.CameraInstalled;
import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyMade;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.CopyStatus;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.PoliceRequest;
import io.camfleet.avro.ReceiptKind;
import io.camfleet.avro.RequestAnswer;
import io.camfleet.avro.RequestNotification;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.WorldEvent;
import io.camfleet.provenance.ProvJson;
import io.camfleet.schemas.Topics;
import io.camfleet.schemas.stats.RetentionMeasure;
import io.camfleet.schemas.stats.SharingMeasure;
import io.camfleet.schemas.stats.StatsMeasure;
import io.camfleet.simulator.sink.AvroFileSink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A clip shared with police and forwarded, under a policy that allows forwarding and one that
 * forbids it: the audit files and the event log written as a run writes them, then read back.
 */
class ClipStoryTest {
  private static final long HOUR = 3_600_000L;
  private static final long RECORDED = Instant.parse("2019-06-02T10:00:00Z").toEpochMilli();
  private static final long REQUESTED = RECORDED + 20 * HOUR;
  private static final long SHARED = REQUESTED + 5 * HOUR;
  private static final long FORWARDED = SHARED + 48 * HOUR;
  private static final String CLIP = "clip-cam-1-0-0";
  private static final String COPY = "copy-req-1-" + CLIP;
  private static final String FORWARD = COPY + "/fwd-ice";

  @TempDir Path out;

  @BeforeEach
  void writeTheRunsFiles() throws Exception {
    try (AvroFileSink events = new AvroFileSink(out.resolve(EventLog.FILE_NAME))) {
      events.send("cam-1", null, event(RECORDED - 10 * HOUR, cameraInstalled()));
      events.send("cam-1", null, event(RECORDED, clipRecorded()));
      events.send("req-1", null, event(REQUESTED, policeRequest()));
      events.send("cam-1", null, event(REQUESTED, notification()));
      events.send("cam-1", null, event(SHARED, answer()));
      events.send("cam-1", null, event(SHARED, share()));
      events.send("cam-1", null, event(FORWARDED, forward()));
    }
    try (AuditFileWriter w = AuditFileWriter.create(AuditFile.RETENTION_RECEIPTS, out)) {
      for (String policy : List.of("no-forwarding", "status-quo-2019")) {
        append(
            w,
            policy + "/" + CLIP,
            SHARED,
            Topics.RETENTION_RECEIPTS.valueSerde().serializer().serialize("t", retained(policy)));
      }
      // another clip's receipt: counted, not told
      append(
          w,
          "status-quo-2019/clip-other",
          RECORDED,
          Topics.RETENTION_RECEIPTS
              .valueSerde()
              .serializer()
              .serialize("t", expired("status-quo-2019", "clip-other")));
      w.commit();
    }
    try (AuditFileWriter w = AuditFileWriter.create(AuditFile.COPY_LEDGER, out)) {
      for (CopyLedgerEntry entry :
          List.of(policeCopy("no-forwarding"), policeCopy("status-quo-2019"), forwardedCopy())) {
        append(
            w,
            entry.getPolicy() + "/" + entry.getCopyId(),
            entry.getUpdatedAt(),
            Topics.COPY_LEDGER.valueSerde().serializer().serialize("t", entry));
      }
      w.commit();
    }
    try (AuditFileWriter w = AuditFileWriter.create(AuditFile.COPY_RECEIPTS, out)) {
      append(
          w,
          "no-forwarding/" + FORWARD,
          FORWARDED,
          Topics.COPY_RECEIPTS.valueSerde().serializer().serialize("t", forwardBlocked()));
      w.commit();
    }
  }

  private static void append(AuditFileWriter w, String key, long time, byte[] value)
      throws Exception {
    w.append(key.getBytes(StandardCharsets.UTF_8), time, value);
  }

  @Test
  void tellsEachPolicysStepsInTimeOrderWithTheWorldsSide() {
    ClipStory story = ClipStory.read(out, CLIP, Optional.empty());

    assertEquals(
        Optional.of(new ClipStory.Recording("cam-1", "hh-1", "US", RECORDED, 5_000_000)),
        story.recording());
    assertTrue(story.fromEventLog());
    assertEquals(
        List.of("no-forwarding", "status-quo-2019"),
        story.policies().stream().map(ClipStory.PolicyStory::policy).toList());
    List<String> world =
        List.of(
            "recorded by camera cam-1 of household hh-1 (region US, neighbourhood harbour), 20 s,"
                + " 5,000,000 bytes",
            "police request req-1 by metro-pd covers it: window 2019-06-02T09:00:00Z to"
                + " 2019-06-02T11:00:00Z, 0.50 miles around a point 0.30 miles from the camera",
            "the portal emailed household hh-1 about request req-1",
            "the owner answered request req-1: SHARED (1 clip)",
            "the owner shared it with metro-pd (REQUESTING_POLICE, answering request req-1), as"
                + " copy "
                + COPY);
    String policeCopy =
        "copy "
            + COPY
            + " held by metro-pd (REQUESTING_POLICE), request req-1, address disclosed, kept"
            + " indefinitely";
    String retained = "RETAINED_SHARED (POLICE_REQUEST): shared with police: exempt from deletion";
    String forwardMade =
        "ice (FEDERAL_AGENCY) made copy " + FORWARD + " from copy " + COPY + " (FORWARD)";
    assertEquals(
        concat(
            world,
            List.of(
                policeCopy,
                retained,
                forwardMade,
                "FORWARD_BLOCKED copy "
                    + FORWARD
                    + " (FORWARDING_FORBIDDEN): the policy forbids forwarding")),
        texts(story.policies().get(0)));
    assertEquals(
        concat(
            world,
            List.of(
                policeCopy,
                retained,
                forwardMade,
                "copy "
                    + FORWARD
                    + " held by ice (FEDERAL_AGENCY), made from copy "
                    + COPY
                    + ", request req-1, address disclosed, kept indefinitely")),
        texts(story.policies().get(1)));
    assertEquals(
        List.of(COPY + " ALIVE", FORWARD + " ALIVE"),
        story.policies().get(1).custody().copies().stream()
            .map(c -> c.copyId() + " " + c.status())
            .toList());
    assertEquals(
        List.of(COPY + " ALIVE", FORWARD + " BLOCKED"),
        story.policies().get(0).custody().copies().stream()
            .map(c -> c.copyId() + " " + c.status())
            .toList());
  }

  @Test
  void printsTheCopiesAsJsonAndTheCustodyGraphAsProvJson() throws Exception {
    StringWriter json = new StringWriter();
    assertEquals(0, explain(json, "--clip", CLIP, "--from", out.toString(), "--json"));
    JsonNode blocked =
        new ObjectMapper().readTree(json.toString()).get("policies").get(0).get("copies").get(1);
    assertEquals(
        List.of("no-forwarding", FORWARD, "BLOCKED", "FORWARD_BLOCKED", "FORWARDING_FORBIDDEN"),
        List.of(
            blocked.get("policy").asText(),
            blocked.get("copyId").asText(),
            blocked.get("status").asText(),
            blocked.get("receipt").asText(),
            blocked.get("cause").asText()));
    // each step names the policy stage that decided it; the world's own steps have none
    List<String> stages = new ArrayList<>();
    new ObjectMapper()
        .readTree(json.toString())
        .get("policies")
        .get(0)
        .get("steps")
        .forEach(
            step -> stages.add(step.get("stage").isNull() ? null : step.get("stage").asText()));
    assertEquals(
        java.util.Arrays.asList(null, null, null, null, null, "base", "base", null, "base"),
        stages);

    StringWriter prov = new StringWriter();
    assertEquals(0, explain(prov, "--clip", CLIP, "--from", out.toString(), "--prov"));
    ClipStory story = ClipStory.read(out, CLIP, Optional.empty());
    assertEquals(
        ProvJson.toJson(story.policies().stream().map(ClipStory.PolicyStory::custody).toList()),
        prov.toString().strip());
  }

  private static int explain(StringWriter out, String... args) {
    CommandLine cli = new CommandLine(new ExplainCommand());
    cli.setOut(new PrintWriter(out));
    return cli.execute(args);
  }

  @Test
  void tellsOnePolicyWhenAsked() {
    ClipStory story = ClipStory.read(out, CLIP, Optional.of("status-quo-2019"));
    assertEquals(1, story.policies().size());
    assertEquals("status-quo-2019", story.policies().get(0).policy());
  }

  @Test
  void withoutTheEventLogTellsThePoliciesSideFromTheReceipts() throws Exception {
    Files.delete(out.resolve(EventLog.FILE_NAME));
    ClipStory story = ClipStory.read(out, CLIP, Optional.of("status-quo-2019"));
    assertFalse(story.fromEventLog());
    assertEquals(
        Optional.of(new ClipStory.Recording("cam-1", "hh-1", "", RECORDED, 5_000_000)),
        story.recording());
    assertEquals(3, story.policies().get(0).steps().size());
    assertTrue(ExplainCommand.toText(story).contains("run with --keep-events"));
  }

  @Test
  void refusesAnUnknownClipAPolicyNotInTheFilesAndAFolderWithoutThem(@TempDir Path empty) {
    assertEquals(
        "no clip clip-none in " + out,
        assertThrows(
                ClipStory.UnknownClipException.class,
                () -> ClipStory.read(out, "clip-none", Optional.empty()))
            .getMessage());
    assertEquals(
        "policy eu-30-days is not in the audit files of "
            + out
            + "; they hold [no-forwarding, status-quo-2019]",
        assertThrows(
                IllegalArgumentException.class,
                () -> ClipStory.read(out, CLIP, Optional.of("eu-30-days")))
            .getMessage());
    assertEquals(
        "no audit files in "
            + empty
            + " (missing audit/retention-receipts.avro); name a run's report folder with --from",
        assertThrows(
                IllegalArgumentException.class, () -> ClipStory.read(empty, CLIP, Optional.empty()))
            .getMessage());
  }

  @Test
  void talliesTheCountersEachReceiptAddsTo() {
    Map<String, Map<StatsMeasure, Long>> tally = ReceiptMeasures.tally(out);

    assertEquals(List.of("no-forwarding", "status-quo-2019"), List.copyOf(tally.keySet()));
    Map<StatsMeasure, Long> noForwarding = tally.get("no-forwarding");
    assertEquals(1, noForwarding.get(RetentionMeasure.CLIPS_EXEMPT_BY_SHARE));
    assertEquals(1, noForwarding.get(SharingMeasure.COPIES_CREATED));
    assertEquals(1, noForwarding.get(SharingMeasure.FORWARDS_BLOCKED));
    assertEquals(1, noForwarding.get(SharingMeasure.SHARES_BLOCKED_BY_POLICY));
    assertEquals(0, noForwarding.get(RetentionMeasure.CLIPS_EXPIRED));
    Map<StatsMeasure, Long> statusQuo = tally.get("status-quo-2019");
    assertEquals(1, statusQuo.get(RetentionMeasure.CLIPS_EXPIRED));
    assertEquals(2, statusQuo.get(SharingMeasure.COPIES_CREATED));
    assertEquals(0, statusQuo.get(SharingMeasure.FORWARDS_BLOCKED));
  }

  @Test
  void everyReceiptKindAddsToACounter() {
    for (ReceiptKind kind : ReceiptKind.values()) {
      RetentionReceipt receipt = retained("p");
      receipt.setKind(kind);
      assertTrue(ReceiptMeasures.COUNTED.contains(ReceiptMeasures.of(receipt)), kind.name());
    }
    for (CopyReceiptKind kind : CopyReceiptKind.values()) {
      CopyReceipt receipt = forwardBlocked();
      receipt.setKind(kind);
      assertTrue(ReceiptMeasures.COUNTED.containsAll(ReceiptMeasures.of(receipt)), kind.name());
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> texts(ClipStory.PolicyStory story) {
    return story.steps().stream().map(ClipStory.Step::text).toList();
  }

  private static WorldEvent event(long time, Object body) {
    return WorldEvent.newBuilder().setEventTime(time).setEvent(body).build();
  }

  private static CameraInstalled cameraInstalled() {
    return CameraInstalled.newBuilder()
        .setCameraId("cam-1")
        .setHouseholdId("hh-1")
        .setNeighbourhood("harbour")
        .setXMiles(1.0)
        .setYMiles(1.0)
        .setJurisdiction("metro-pd")
        .setRegion("US")
        .setOptedOutOfRequests(false)
        .setFeedMember(false)
        .build();
  }

  private static ClipRecorded clipRecorded() {
    return ClipRecorded.newBuilder()
        .setClipId(CLIP)
        .setCameraId("cam-1")
        .setHouseholdId("hh-1")
        .setRegion("US")
        .setRecordedAt(RECORDED)
        .setDurationSeconds(20)
        .setSizeBytes(5_000_000)
        .build();
  }

  private static PoliceRequest policeRequest() {
    return PoliceRequest.newBuilder()
        .setRequestId("req-1")
        .setAgencyId("metro-pd")
        .setXMiles(1.3)
        .setYMiles(1.0)
        .setRadiusMiles(0.5)
        .setWindowStart(RECORDED - HOUR)
        .setWindowEnd(RECORDED + HOUR)
        .setIncidentAt(RECORDED)
        .setIssuedAt(REQUESTED)
        .setCamerasNotified(1)
        .build();
  }

  private static RequestNotification notification() {
    return RequestNotification.newBuilder()
        .setRequestId("req-1")
        .setAgencyId("metro-pd")
        .setCameraId("cam-1")
        .setHouseholdId("hh-1")
        .setWindowStart(RECORDED - HOUR)
        .setWindowEnd(RECORDED + HOUR)
        .setRadiusMiles(0.5)
        .setIssuedAt(REQUESTED)
        .build();
  }

  private static RequestAnswer answer() {
    return RequestAnswer.newBuilder()
        .setRequestId("req-1")
        .setAgencyId("metro-pd")
        .setCameraId("cam-1")
        .setHouseholdId("hh-1")
        .setAnswer(Answer.SHARED)
        .setClipsShared(1)
        .build();
  }

  private static ClipShared share() {
    return ClipShared.newBuilder()
        .setCopyId(COPY)
        .setClipId(CLIP)
        .setCameraId("cam-1")
        .setHouseholdId("hh-1")
        .setClipRecordedAt(RECORDED)
        .setRegion("US")
        .setChannel(ShareChannel.POLICE_REQUEST)
        .setRecipientId("metro-pd")
        .setHolderType(HolderType.REQUESTING_POLICE)
        .setAddressDisclosed(true)
        .setRequest(
            io.camfleet.avro.RequestTerms.newBuilder()
                .setRequestId("req-1")
                .setWindowStart(RECORDED - HOUR)
                .setWindowEnd(RECORDED + HOUR)
                .setRadiusMiles(0.5)
                .setIssuedAt(REQUESTED)
                .setCameraDistanceMiles(0.3)
                .build())
        .build();
  }

  private static CopyMade forward() {
    return CopyMade.newBuilder()
        .setCopyId(FORWARD)
        .setParentCopyId(COPY)
        .setClipId(CLIP)
        .setCameraId("cam-1")
        .setHouseholdId("hh-1")
        .setClipRecordedAt(RECORDED)
        .setKind(CopyKind.FORWARD)
        .setHolderId("ice")
        .setHolderType(HolderType.FEDERAL_AGENCY)
        .build();
  }

  private static RetentionReceipt retained(String policy) {
    return RetentionReceipt.newBuilder()
        .setPolicy(policy)
        .setClipId(CLIP)
        .setCameraId("cam-1")
        .setHouseholdId("hh-1")
        .setKind(ReceiptKind.RETAINED_SHARED)
        .setDecidedAt(SHARED)
        .setRecordedAt(RECORDED)
        .setExpiresAt(null)
        .setSizeBytes(5_000_000)
        .setChannel(ShareChannel.POLICE_REQUEST)
        .setReason("shared with police: exempt from deletion")
        .build();
  }

  private static RetentionReceipt expired(String policy, String clip) {
    return RetentionReceipt.newBuilder(retained(policy))
        .setClipId(clip)
        .setKind(ReceiptKind.CLIP_EXPIRED)
        .setChannel(null)
        .setReason("60 days passed")
        .build();
  }

  private static CopyLedgerEntry policeCopy(String policy) {
    return CopyLedgerEntry.newBuilder()
        .setPolicy(policy)
        .setCopyId(COPY)
        .setParentCopyId(null)
        .setClipId(CLIP)
        .setCameraId("cam-1")
        .setHouseholdId("hh-1")
        .setClipRecordedAt(RECORDED)
        .setHolderId("metro-pd")
        .setHolderType(HolderType.REQUESTING_POLICE)
        .setKind(CopyKind.SHARE)
        .setChannel(ShareChannel.POLICE_REQUEST)
        .setRequestId("req-1")
        .setAddressDisclosed(true)
        .setMadeAt(SHARED)
        .setExpiresAt(null)
        .setStatus(CopyStatus.ALIVE)
        .setUpdatedAt(SHARED)
        .build();
  }

  private static CopyLedgerEntry forwardedCopy() {
    return CopyLedgerEntry.newBuilder(policeCopy("status-quo-2019"))
        .setCopyId(FORWARD)
        .setParentCopyId(COPY)
        .setHolderId("ice")
        .setHolderType(HolderType.FEDERAL_AGENCY)
        .setKind(CopyKind.FORWARD)
        .setMadeAt(FORWARDED)
        .setUpdatedAt(FORWARDED)
        .build();
  }

  private static CopyReceipt forwardBlocked() {
    return CopyReceipt.newBuilder()
        .setPolicy("no-forwarding")
        .setCopyId(FORWARD)
        .setClipId(CLIP)
        .setHouseholdId("hh-1")
        .setKind(CopyReceiptKind.FORWARD_BLOCKED)
        .setDecidedAt(FORWARDED)
        .setReason("the policy forbids forwarding")
        .setCause(CopyReceiptCause.FORWARDING_FORBIDDEN)
        .build();
  }
}
