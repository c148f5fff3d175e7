package io.camfleet.audit;

import io.camfleet.avro.CameraInstalled;
import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyMade;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.LegalHold;
import io.camfleet.avro.PoliceRequest;
import io.camfleet.avro.RequestAnswer;
import io.camfleet.avro.RequestNotification;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.WorldEvent;
import io.camfleet.provenance.CustodyGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One clip's story, told from a run's audit files (and its event log when kept), per policy in time
 * order: its recording, the police requests whose window and area covered it with the email to its
 * owner and the answer, each share and post, every copy with its holder, parent and disclosed
 * address, each blocked share or copy with its cause, legal holds, and each retention decision with
 * its time and rule.
 */
public record ClipStory(
    String clipId,
    Optional<Recording> recording,
    boolean fromEventLog,
    List<PolicyStory> policies) {

  /** The recording, from the event log, or from the receipts when the log was not kept. */
  public record Recording(
      String cameraId, String householdId, String region, long recordedAt, long sizeBytes) {}

  /**
   * One step: when, what kind, what happened in words, and the label of the policy stage that
   * decided it ({@code base} for the rules before a policy's first stage), or null for a step no
   * policy decided (an event of the world, such as a request or a hold).
   */
  public record Step(long at, String kind, String text, String stage) {

    /** A step of the world, which no policy stage decided. */
    public Step(long at, String kind, String text) {
      this(at, kind, text, null);
    }
  }

  /**
   * One policy's part: the steps in time order, and the clip's custody graph: every copy made (in
   * its last state) or blocked.
   */
  public record PolicyStory(String policy, List<Step> steps, CustodyGraph custody) {}

  /** The clip is in neither the audit files nor the event log. */
  public static final class UnknownClipException extends IllegalArgumentException {
    UnknownClipException(String message) {
      super(message);
    }
  }

  private static final Comparator<Step> BY_TIME = Comparator.comparingLong(Step::at);

  /**
   * Reads the story of {@code clipId} from the report folder {@code from}, for {@code policy} or,
   * when empty, for every policy in the audit files.
   *
   * @throws IllegalArgumentException when {@code from} has no audit files, the policy is not in
   *     them, or the clip is unknown ({@link UnknownClipException})
   */
  public static ClipStory read(Path from, String clipId, Optional<String> policy) {
    for (AuditFile file : AuditFile.all()) {
      if (!Files.isRegularFile(file.in(from))) {
        throw new IllegalArgumentException(
            "no audit files in "
                + from
                + " (missing "
                + file.relativePath()
                + "); name a run's report folder with --from");
      }
    }
    TreeSet<String> policies = new TreeSet<>();
    Map<String, List<Step>> steps = new TreeMap<>();
    Map<String, Map<String, CopyLedgerEntry>> copies = new TreeMap<>();
    List<CopyLedgerEntry> ledger = new ArrayList<>();
    List<CopyReceipt> copyReceipts = new ArrayList<>();
    Recording[] fromReceipts = new Recording[1];

    AuditReader.forEach(
        AuditFile.RETENTION_RECEIPTS.in(from),
        AuditFile.RETENTION_RECEIPTS,
        RetentionReceipt.class,
        r -> {
          policies.add(r.policy());
          RetentionReceipt v = r.value();
          if (v.getClipId().equals(clipId)) {
            fromReceipts[0] =
                new Recording(
                    v.getCameraId(), v.getHouseholdId(), "", v.getRecordedAt(), v.getSizeBytes());
            steps
                .computeIfAbsent(r.policy(), p -> new ArrayList<>())
                .add(
                    new Step(
                        v.getDecidedAt(), "retention " + v.getKind(), retention(v), v.getStage()));
          }
        });
    AuditReader.forEach(
        AuditFile.COPY_LEDGER.in(from),
        AuditFile.COPY_LEDGER,
        CopyLedgerEntry.class,
        r -> {
          policies.add(r.policy());
          if (r.value().getClipId().equals(clipId)) {
            ledger.add(r.value());
            // entries of one copy are in the order written: the last is its latest state
            copies
                .computeIfAbsent(r.policy(), p -> new LinkedHashMap<>())
                .put(r.value().getCopyId(), r.value());
          }
        });
    AuditReader.forEach(
        AuditFile.COPY_RECEIPTS.in(from),
        AuditFile.COPY_RECEIPTS,
        CopyReceipt.class,
        r -> {
          policies.add(r.policy());
          CopyReceipt v = r.value();
          if (v.getClipId().equals(clipId)) {
            copyReceipts.add(v);
            steps
                .computeIfAbsent(r.policy(), p -> new ArrayList<>())
                .add(
                    new Step(
                        v.getDecidedAt(), v.getKind().toString(), copyReceipt(v), v.getStage()));
          }
        });
    if (policy.isPresent() && !policies.contains(policy.get())) {
      throw new IllegalArgumentException(
          "policy "
              + policy.get()
              + " is not in the audit files of "
              + from
              + "; they hold "
              + policies);
    }

    Path log = from.resolve(EventLog.FILE_NAME);
    List<Step> world = new ArrayList<>();
    Optional<Recording> recording = Optional.ofNullable(fromReceipts[0]);
    boolean fromLog = Files.isRegularFile(log);
    if (fromLog) {
      Optional<Recording> recorded = worldSteps(log, clipId, world);
      if (recorded.isPresent()) {
        recording = recorded;
      }
    }
    if (recording.isEmpty() && copies.isEmpty() && steps.isEmpty()) {
      throw new UnknownClipException(
          "no clip "
              + clipId
              + " in "
              + from
              + (fromLog
                  ? ""
                  : " (its audit files name only clips with a decision; run with --keep-events to"
                      + " keep every recording)"));
    }

    List<PolicyStory> stories = new ArrayList<>();
    for (String name : policy.map(List::of).orElse(List.copyOf(policies))) {
      List<Step> all = new ArrayList<>(world);
      Map<String, CopyLedgerEntry> policyCopies = copies.getOrDefault(name, Map.of());
      for (CopyLedgerEntry copy : policyCopies.values()) {
        // its expiry, if it expired, is a COPY_EXPIRED receipt among the steps
        all.add(
            new Step(copy.getMadeAt(), "copy " + copy.getKind(), copyMade(copy), copy.getStage()));
      }
      all.addAll(steps.getOrDefault(name, List.of()));
      all.sort(BY_TIME);
      stories.add(
          new PolicyStory(
              name, List.copyOf(all), CustodyGraph.of(name, clipId, ledger, copyReceipts)));
    }
    return new ClipStory(clipId, recording, fromLog, List.copyOf(stories));
  }

  /** The world's side of the story from the event log; the recording if the log holds it. */
  private static Optional<Recording> worldSteps(Path file, String clipId, List<Step> steps) {
    ClipRecorded recorded = null;
    CameraInstalled camera = null;
    Map<String, CameraInstalled> installs = new TreeMap<>();
    try (EventLog log = EventLog.open(file)) {
      for (WorldEvent e = log.next(); e != null; e = log.next()) {
        if (e.getEvent() instanceof CameraInstalled c) {
          installs.put(c.getCameraId(), c);
        } else if (e.getEvent() instanceof ClipRecorded c && c.getClipId().equals(clipId)) {
          recorded = c;
          camera = installs.get(c.getCameraId());
          break;
        }
      }
    }
    if (recorded == null) {
      return Optional.empty();
    }
    String cameraId = recorded.getCameraId();
    long at = recorded.getRecordedAt();
    steps.add(
        new Step(
            at,
            "recorded",
            String.format(
                Locale.ROOT,
                "recorded by camera %s of household %s (region %s%s), %d s, %,d bytes",
                cameraId,
                recorded.getHouseholdId(),
                recorded.getRegion(),
                camera == null ? "" : ", neighbourhood " + camera.getNeighbourhood(),
                recorded.getDurationSeconds(),
                recorded.getSizeBytes())));
    Map<String, PoliceRequest> covering = new LinkedHashMap<>();
    try (EventLog log = EventLog.open(file)) {
      for (WorldEvent e = log.next(); e != null; e = log.next()) {
        Object body = e.getEvent();
        long time = e.getEventTime();
        if (body instanceof PoliceRequest r
            && r.getWindowStart() <= at
            && at <= r.getWindowEnd()
            && camera != null
            && distance(r, camera) <= r.getRadiusMiles()) {
          covering.put(r.getRequestId(), r);
          steps.add(
              new Step(
                  time,
                  "request",
                  String.format(
                      Locale.ROOT,
                      "police request %s by %s covers it: window %s to %s, %.2f miles around a"
                          + " point %.2f miles from the camera",
                      r.getRequestId(),
                      r.getAgencyId(),
                      Instant.ofEpochMilli(r.getWindowStart()),
                      Instant.ofEpochMilli(r.getWindowEnd()),
                      r.getRadiusMiles(),
                      distance(r, camera))));
        } else if (body instanceof RequestNotification n
            && n.getCameraId().equals(cameraId)
            && covering.containsKey(n.getRequestId())) {
          steps.add(
              new Step(
                  time,
                  "email",
                  "the portal emailed household "
                      + n.getHouseholdId()
                      + " about request "
                      + n.getRequestId()));
        } else if (body instanceof RequestAnswer a
            && a.getCameraId().equals(cameraId)
            && covering.containsKey(a.getRequestId())) {
          steps.add(
              new Step(
                  time,
                  "answer",
                  "the owner answered request "
                      + a.getRequestId()
                      + ": "
                      + a.getAnswer()
                      + (a.getClipsShared() > 0
                          ? " ("
                              + a.getClipsShared()
                              + (a.getClipsShared() == 1 ? " clip)" : " clips)")
                          : "")));
        } else if (body instanceof ClipShared s && s.getClipId().equals(clipId)) {
          steps.add(
              new Step(
                  time,
                  s.getChannel() == ShareChannel.POLICE_REQUEST ? "share" : "post",
                  (s.getChannel() == ShareChannel.POLICE_REQUEST
                          ? "the owner shared it with " + s.getRecipientId()
                          : "the owner posted it to " + s.getRecipientId())
                      + " ("
                      + s.getHolderType()
                      + (s.getRequest() == null
                          ? ""
                          : ", answering request " + s.getRequest().getRequestId())
                      + "), as copy "
                      + s.getCopyId()));
        } else if (body instanceof CopyMade c && c.getClipId().equals(clipId)) {
          steps.add(
              new Step(
                  time,
                  "onward " + c.getKind(),
                  c.getHolderId()
                      + " ("
                      + c.getHolderType()
                      + ") made copy "
                      + c.getCopyId()
                      + " from copy "
                      + c.getParentCopyId()
                      + " ("
                      + c.getKind()
                      + ")"));
        } else if (body instanceof LegalHold h && h.getClipId().equals(clipId)) {
          steps.add(
              new Step(
                  time,
                  h.getPlaced() ? "hold placed" : "hold released",
                  "legal hold " + h.getHoldId() + (h.getPlaced() ? " placed" : " released")));
        }
      }
    }
    return Optional.of(
        new Recording(
            cameraId,
            recorded.getHouseholdId(),
            recorded.getRegion(),
            recorded.getRecordedAt(),
            recorded.getSizeBytes()));
  }

  private static double distance(PoliceRequest r, CameraInstalled c) {
    return Math.hypot(r.getXMiles() - c.getXMiles(), r.getYMiles() - c.getYMiles());
  }

  private static String retention(RetentionReceipt r) {
    return r.getKind()
        + (r.getChannel() == null ? "" : " (" + r.getChannel() + ")")
        + ": "
        + r.getReason()
        + (r.getExpiresAt() == null
            ? ""
            : "; original due for deletion at " + Instant.ofEpochMilli(r.getExpiresAt()))
        + stage(r.getStage());
  }

  /** The policy stage that decided, when the policy has stages and it is not the base rules. */
  private static String stage(String label) {
    return label == null || label.equals("base") ? "" : " [policy stage from " + label + "]";
  }

  private static String copyReceipt(CopyReceipt r) {
    return r.getKind()
        + " copy "
        + r.getCopyId()
        + (r.getCause() == null ? "" : " (" + r.getCause() + ")")
        + ": "
        + r.getReason()
        + stage(r.getStage());
  }

  private static String copyMade(CopyLedgerEntry c) {
    return "copy "
        + c.getCopyId()
        + " held by "
        + c.getHolderId()
        + " ("
        + c.getHolderType()
        + ")"
        + (c.getParentCopyId() == null ? "" : ", made from copy " + c.getParentCopyId())
        + (c.getRequestId() == null ? "" : ", request " + c.getRequestId())
        + ", address "
        + (c.getAddressDisclosed() ? "disclosed" : "not disclosed")
        + ", "
        + (c.getExpiresAt() == null
            ? "kept indefinitely"
            : "to expire at " + Instant.ofEpochMilli(c.getExpiresAt()))
        + stage(c.getStage());
  }
}
