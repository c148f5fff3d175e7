package io.camfleet.policy;

import io.camfleet.avro.ClipShared;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.RequestTerms;
import io.camfleet.avro.ShareChannel;
import io.camfleet.policy.Retention.SharedOriginals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The decisions one policy makes, as pure functions of the events and their times: both services
 * ask these, so a share the sharing service blocks is never counted as an exemption by the
 * retention service.
 *
 * <p>A policy with dated stages decides with the rules in force at one instant ({@link
 * RulesInForce}). A decision about a clip (share admission under share-enforced caps, the exemption
 * of a shared original, copy admission and forwarding, copy lifetime, address disclosure) uses the
 * stage in force at the event that triggers it under {@link ExistingClips#FOLLOW_NEW_RULES}, or the
 * stage in force when the clip was recorded under {@link ExistingClips#KEEP_OLD_RULES} ({@link
 * #forClip}). A copy's lifetime is decided when the copy is made and never changes.
 *
 * <p>The original's due time is a pure function of its recording time r and region:
 *
 * <ul>
 *   <li>keep-old-rules: {@code r + period(stage at r)};
 *   <li>follow-new-rules: the first instant {@code t >= r} with {@code t >= r + period(stage at
 *       t)}. A clip recorded before a stage that shortens retention, already past the new period
 *       when the stage starts, is due at the stage's start; a lengthening stage lengthens the life
 *       of clips not yet due.
 * </ul>
 */
public final class PolicyRules {
  private static final long DAY_MS = Duration.ofDays(1).toMillis();
  private static final String DEFAULT_REGION = "";

  private final Policy policy;
  private final List<RulesInForce> stages;
  private final long[] starts;
  // Per region a stage names (and "" for every other region): its due-time pieces, in order.
  private final Map<String, List<DuePiece>> pieces = new HashMap<>();

  PolicyRules(Policy policy) {
    this.policy = policy;
    this.stages = policy.inForce();
    this.starts = stages.stream().mapToLong(RulesInForce::from).toArray();
    pieces.put(DEFAULT_REGION, computePieces(DEFAULT_REGION));
    for (RulesInForce stage : stages) {
      for (String region : stage.retention().regions().keySet()) {
        pieces.computeIfAbsent(region, this::computePieces);
      }
    }
  }

  public String policyName() {
    return policy.name();
  }

  public Policy policy() {
    return policy;
  }

  public ExistingClips existingClips() {
    return policy.existingClips();
  }

  /** The rules over time: the base rules first, then one entry per stage in date order. */
  public List<RulesInForce> stages() {
    return stages;
  }

  /** The rules in force at {@code at}. */
  public RulesInForce inForceAt(long at) {
    return stages.get(stageIndex(at));
  }

  /**
   * The rules that decide about a clip recorded at {@code clipRecordedAt} at an event at {@code
   * eventAt}: those in force at the event under follow-new-rules, at the recording under
   * keep-old-rules.
   */
  public RulesInForce forClip(long clipRecordedAt, long eventAt) {
    return inForceAt(
        policy.existingClips() == ExistingClips.KEEP_OLD_RULES ? clipRecordedAt : eventAt);
  }

  private int stageIndex(long at) {
    int i = stages.size() - 1;
    while (i > 0 && starts[i] > at) {
      i--;
    }
    return i;
  }

  /** Retention period of an account in {@code region} under the rules in force at {@code at}. */
  public long retentionMillis(String region, long at) {
    return inForceAt(at).retention().daysFor(region) * DAY_MS;
  }

  /**
   * Every retention period this policy applies at some time, in milliseconds: the default and each
   * region's, of every stage.
   */
  public SortedSet<Long> retentionPeriodsMillis() {
    SortedSet<Long> periods = new TreeSet<>();
    for (RulesInForce stage : stages) {
      periods.add(stage.retention().days() * DAY_MS);
      stage.retention().regions().values().forEach(days -> periods.add(days * DAY_MS));
    }
    return periods;
  }

  /** The pieces of the due-time function for {@code region}, in recording-time order. */
  public List<DuePiece> duePieces(String region) {
    return pieces.getOrDefault(region, pieces.get(DEFAULT_REGION));
  }

  /** Every distinct piece of the due-time functions of every region, in no particular order. */
  public Set<DuePiece> allDuePieces() {
    Set<DuePiece> all = new LinkedHashSet<>();
    pieces.values().forEach(all::addAll);
    return all;
  }

  /** The piece of the due-time function that holds a clip recorded in {@code region}. */
  public DuePiece duePiece(String region, long recordedAt) {
    List<DuePiece> all = duePieces(region);
    if (all.size() == 1) {
      return all.get(0);
    }
    int lo = 0;
    int hi = all.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (all.get(mid).recordedFrom() <= recordedAt) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return all.get(lo);
  }

  /** When the original clip is due for deletion (see the class comment). */
  public long dueAt(String region, long recordedAt) {
    return duePiece(region, recordedAt).dueAt(recordedAt);
  }

  /**
   * The rules that set a clip's due time: in force at its recording under keep-old-rules, at its
   * due time under follow-new-rules.
   */
  public RulesInForce dueStage(String region, long recordedAt) {
    return policy.existingClips() == ExistingClips.KEEP_OLD_RULES
        ? inForceAt(recordedAt)
        : inForceAt(dueAt(region, recordedAt));
  }

  /**
   * What a share does to an original recorded at {@code recordedAt}: under follow-new-rules no
   * stage may change it, under keep-old-rules the stage at the recording decides.
   */
  public SharedOriginals sharedOriginals(long recordedAt) {
    return inForceAt(recordedAt).retention().sharedOriginals();
  }

  /** Whether a share exempts an original recorded at {@code recordedAt} from its retention. */
  public boolean exemptsSharedOriginals(long recordedAt) {
    return sharedOriginals(recordedAt) == SharedOriginals.EXEMPT;
  }

  /**
   * Whether the police may receive the footage this share, made at {@code sharedAt}, sends, under
   * the request caps: at the portal ({@link Portal#admitShare}) when the caps in force at the
   * request's issue act there, else here at the share, under the caps in force for the clip.
   */
  public Decision admitShare(ClipShared share, long sharedAt) {
    if (share.getChannel() != ShareChannel.POLICE_REQUEST || share.getRequest() == null) {
      return Decision.ALLOWED;
    }
    RequestTerms request = share.getRequest();
    RequestCaps atIssue = inForceAt(request.getIssuedAt()).requests();
    if (atIssue.atPortal()) {
      return Portal.admitShare(atIssue, share);
    }
    RequestCaps caps = forClip(share.getClipRecordedAt(), sharedAt).requests();
    if (!caps.open()) {
      return new Decision.Blocked(
          CopyReceiptCause.PORTAL_CLOSED, "the portal takes no requests under this policy");
    }
    double windowMinutes = (request.getWindowEnd() - request.getWindowStart()) / 60_000.0;
    double area = Math.PI * request.getRadiusMiles() * request.getRadiusMiles();
    if (caps.minWindowMinutes() != null && windowMinutes < caps.minWindowMinutes()) {
      return new Decision.Blocked(
          CopyReceiptCause.WINDOW_BELOW_MINIMUM,
          String.format(
              "request window %.0f min is below the minimum %.0f min",
              windowMinutes, caps.minWindowMinutes()));
    }
    if (caps.minAreaSquareMiles() != null && area < caps.minAreaSquareMiles()) {
      return new Decision.Blocked(
          CopyReceiptCause.AREA_BELOW_MINIMUM,
          String.format(
              "request area %.3f sq mi is below the minimum %.3f sq mi",
              area, caps.minAreaSquareMiles()));
    }
    long recordedAt = share.getClipRecordedAt();
    if (caps.maxWindowHours() != null) {
      long allowedEnd = request.getWindowStart() + (long) (caps.maxWindowHours() * 3_600_000L);
      if (recordedAt >= allowedEnd) {
        return new Decision.Blocked(
            CopyReceiptCause.OUTSIDE_WINDOW,
            String.format(
                "clip lies outside the first %.1f h of the requested window",
                caps.maxWindowHours()));
      }
    }
    if (caps.maxAreaSquareMiles() != null) {
      double allowedRadius = Math.sqrt(caps.maxAreaSquareMiles() / Math.PI);
      if (share.getRequest().getCameraDistanceMiles() > allowedRadius) {
        return new Decision.Blocked(
            CopyReceiptCause.OUTSIDE_AREA,
            String.format(
                "camera is %.2f mi from the request's centre, beyond the %.2f mi of a %.3f sq mi area",
                request.getCameraDistanceMiles(), allowedRadius, caps.maxAreaSquareMiles()));
      }
    }
    if (caps.maxLookBackDays() != null
        && recordedAt < request.getIssuedAt() - (long) (caps.maxLookBackDays() * DAY_MS)) {
      return new Decision.Blocked(
          CopyReceiptCause.PAST_LOOK_BACK,
          String.format("clip is older than the %.0f-day look-back", caps.maxLookBackDays()));
    }
    return Decision.ALLOWED;
  }

  /**
   * Whether an onward copy of an existing copy, of a clip recorded at {@code clipRecordedAt}, to a
   * holder of type {@code holder}, may be made at {@code madeAt}.
   */
  public Decision admitCopy(CopyKind kind, HolderType holder, long clipRecordedAt, long madeAt) {
    if (kind != CopyKind.FORWARD) {
      return Decision.ALLOWED;
    }
    Forwarding forwarding = forClip(clipRecordedAt, madeAt).forwarding();
    if (forwarding == Forwarding.NONE) {
      return new Decision.Blocked(
          CopyReceiptCause.FORWARDING_FORBIDDEN,
          "the policy forbids police from forwarding footage");
    }
    if (forwarding == Forwarding.LOCAL_ONLY && holder == HolderType.FEDERAL_AGENCY) {
      return new Decision.Blocked(
          CopyReceiptCause.FEDERAL_FORWARDING_FORBIDDEN,
          "the policy lets police forward footage locally, never to a federal agency");
    }
    return Decision.ALLOWED;
  }

  /** Whether the recipient learns the owner's address with this share, made at {@code sharedAt}. */
  public boolean disclosesAddress(ClipShared share, long sharedAt) {
    return share.getAddressDisclosed()
        && forClip(share.getClipRecordedAt(), sharedAt).addressDisclosed();
  }

  /** The copy rules that decide the lifetime of a copy of a clip, made at {@code madeAt}. */
  public Copies copiesFor(long clipRecordedAt, long madeAt) {
    return forClip(clipRecordedAt, madeAt).copies();
  }

  /**
   * When a copy held by {@code holder}, of a clip recorded at {@code clipRecordedAt}, made at
   * {@code madeAt}, expires: when the original's retention period ends if copies inherit it (no
   * earlier than the copy is made, and never if a share exempted the original: {@code
   * originalRetentionEndsAt} is empty), the holder type's lifetime when one is set, else never
   * (null). The rules of the stage that decides at {@code madeAt} fix it for good.
   */
  public Long copyExpiresAt(
      HolderType holder, long clipRecordedAt, long madeAt, OptionalLong originalRetentionEndsAt) {
    Copies copies = copiesFor(clipRecordedAt, madeAt);
    if (copies.inheritOriginalExpiry()) {
      return originalRetentionEndsAt.isPresent()
          ? Math.max(madeAt, originalRetentionEndsAt.getAsLong())
          : null;
    }
    Integer days = copies.lifetimeDays().get(holder);
    return days == null ? null : madeAt + days * DAY_MS;
  }

  // ---- the due-time function, in pieces ----

  private long periodOf(int stage, String region) {
    return stages.get(stage).retention().daysFor(region) * DAY_MS;
  }

  /**
   * The due-time function for one region as pieces of recording time on which it has one form
   * (recording time plus a period, or a fixed instant). The form can change only where the
   * recording time crosses a stage start, or where recording time plus some stage's period crosses
   * a stage start; between those points it is evaluated once.
   */
  private List<DuePiece> computePieces(String region) {
    TreeSet<Long> breaks = new TreeSet<>();
    for (int i = 1; i < stages.size(); i++) {
      breaks.add(starts[i]);
      if (policy.existingClips() == ExistingClips.FOLLOW_NEW_RULES) {
        for (int j = 0; j < stages.size(); j++) {
          breaks.add(starts[i] - periodOf(j, region));
        }
      }
    }
    List<Long> from = new ArrayList<>();
    from.add(Long.MIN_VALUE);
    from.addAll(breaks);
    List<DuePiece> result = new ArrayList<>();
    for (int k = 0; k < from.size(); k++) {
      long start = from.get(k);
      long until = k + 1 < from.size() ? from.get(k + 1) : Long.MAX_VALUE;
      long probe = start == Long.MIN_VALUE ? (breaks.isEmpty() ? 0 : breaks.first() - 1) : start;
      DuePiece piece = form(region, probe, start, until);
      DuePiece last = result.isEmpty() ? null : result.get(result.size() - 1);
      if (last != null
          && last.periodMillis() == piece.periodMillis()
          && last.fixedDueAt() == piece.fixedDueAt()) {
        result.set(
            result.size() - 1,
            new DuePiece(last.recordedFrom(), until, piece.periodMillis(), piece.fixedDueAt()));
      } else {
        result.add(piece);
      }
    }
    return List.copyOf(result);
  }

  /** The form of the due time of a clip recorded at {@code r}, as a piece over [from, until). */
  private DuePiece form(String region, long r, long from, long until) {
    int k = stageIndex(r);
    if (policy.existingClips() == ExistingClips.KEEP_OLD_RULES) {
      return DuePiece.period(from, until, periodOf(k, region));
    }
    for (int i = k; i < stages.size(); i++) {
      long period = periodOf(i, region);
      long end = i + 1 < stages.size() ? starts[i + 1] : Long.MAX_VALUE;
      // the earliest t in [stage start, end) with t >= r + period (and t >= r)
      if (r + period < end) {
        return i == k || r + period >= starts[i]
            ? DuePiece.period(from, until, period)
            : DuePiece.fixed(from, until, starts[i]);
      }
    }
    throw new IllegalStateException("the last stage has no end");
  }
}
