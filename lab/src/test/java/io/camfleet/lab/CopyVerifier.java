package io.camfleet.lab;

import static io.camfleet.schemas.stats.SharingMeasure.ANSWERS_SHARED;
import static io.camfleet.schemas.stats.SharingMeasure.COPIES_ALIVE;
import static io.camfleet.schemas.stats.SharingMeasure.COPIES_CREATED;
import static io.camfleet.schemas.stats.SharingMeasure.COPIES_EXPIRED;
import static io.camfleet.schemas.stats.SharingMeasure.DECLINED;
import static io.camfleet.schemas.stats.SharingMeasure.FORWARDS_BLOCKED;
import static io.camfleet.schemas.stats.SharingMeasure.IGNORED;
import static io.camfleet.schemas.stats.SharingMeasure.NOTIFICATIONS;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_BLOCKED_BY_POLICY;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_REFUSED_EXPIRED;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_VIA_POST;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_VIA_REQUEST;

import io.camfleet.avro.Answer;
import io.camfleet.avro.CameraMapped;
import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyMade;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.CopyStatus;
import io.camfleet.avro.DailyStats;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.LegalHold;
import io.camfleet.avro.PoliceRequest;
import io.camfleet.avro.RequestAnswer;
import io.camfleet.avro.RequestNotification;
import io.camfleet.avro.RequestTerms;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.WorldEvent;
import io.camfleet.policy.Copies;
import io.camfleet.policy.ExistingClips;
import io.camfleet.policy.Forwarding;
import io.camfleet.policy.Policy;
import io.camfleet.policy.PolicyStage;
import io.camfleet.policy.RequestCaps;
import io.camfleet.policy.Retention;
import io.camfleet.schemas.stats.SharingMeasure;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the sharing service must write, computed from the input events with plain code that shares
 * nothing with the topology, and a comparison with what it wrote. Per policy: a ledger entry for
 * every copy made (a share the policy admits of a clip still in its owner's account, an onward copy
 * of a live copy), a second one when the copy's lifetime ends by the horizon, a receipt for each
 * such expiry and for every share or onward copy the policy blocks, and the final day's counters,
 * among them what the request portal sent, refused and narrowed, and the households police learn of
 * through it.
 */
final class CopyVerifier {
  private static final long DAY = 86_400_000L;
  private static final long HOUR = 3_600_000L;

  /** The final-day counters the verifier recomputes; the other measures need the household view. */
  static final List<String> COUNTERS =
      Stream.of(
              REQUESTS,
              NOTIFICATIONS,
              ANSWERS_SHARED,
              DECLINED,
              IGNORED,
              SHARES_VIA_REQUEST,
              SHARES_VIA_POST,
              SHARES_BLOCKED_BY_POLICY,
              FORWARDS_BLOCKED,
              SHARES_REFUSED_EXPIRED,
              COPIES_CREATED,
              COPIES_EXPIRED,
              COPIES_ALIVE,
              SharingMeasure.SHARES_BLOCKED_BY_CAPS,
              SharingMeasure.SHARES_BLOCKED_WINDOW_BELOW_MINIMUM,
              SharingMeasure.SHARES_BLOCKED_AREA_BELOW_MINIMUM,
              SharingMeasure.SHARES_BLOCKED_OUTSIDE_WINDOW,
              SharingMeasure.SHARES_BLOCKED_OUTSIDE_AREA,
              SharingMeasure.SHARES_BLOCKED_PAST_LOOK_BACK,
              SharingMeasure.FORWARDS_BLOCKED_BY_BAN,
              SharingMeasure.ONWARD_COPIES_WITHOUT_PARENT,
              SharingMeasure.REQUESTS_MADE,
              SharingMeasure.REQUESTS_REFUSED,
              SharingMeasure.REQUESTS_REFUSED_PORTAL_CLOSED,
              SharingMeasure.REQUESTS_REFUSED_WINDOW_BELOW_MINIMUM,
              SharingMeasure.REQUESTS_REFUSED_AREA_BELOW_MINIMUM,
              SharingMeasure.REQUESTS_REFUSED_PAST_LOOK_BACK,
              SharingMeasure.REQUESTS_NARROWED,
              SharingMeasure.REQUESTS_NARROWED_WINDOW,
              SharingMeasure.REQUESTS_NARROWED_AREA,
              SharingMeasure.REQUESTS_NARROWED_LOOK_BACK,
              SharingMeasure.NOTIFICATIONS_WITHHELD,
              SharingMeasure.HOUSEHOLDS_KNOWN_TO_POLICE)
          .map(SharingMeasure::wireName)
          .toList();

  /** A request's terms as the portal received them; the camera's distance for an email. */
  private record Asked(
      long windowStart, long windowEnd, double radiusMiles, long issuedAt, double distance) {}

  /** An answer: what the owner said, to which terms, for which household. */
  private record Answered(
      Answer answer, Asked asked, boolean refusalReported, String household, long at) {}

  /** A camera put on an agency's map: its household, and when. */
  private record Mapped(String household, long at) {}

  /** The original clip as its camera recorded it. */
  private record Original(String region, long recordedAt) {}

  /** One copy under one policy: its ledger entry when made. */
  private record Copy(CopyLedgerEntry made) {
    boolean aliveAt(long t) {
      return made.getExpiresAt() == null || made.getExpiresAt() > t;
    }
  }

  private final Map<String, Original> originals = new HashMap<>();

  /**
   * Shares, onward copies and holds of each clip, in the order of the clip's partition (event
   * time).
   */
  private final Map<String, List<WorldEvent>> clipEvents = new LinkedHashMap<>();

  private final List<Asked> requests = new ArrayList<>();
  private final List<Asked> notifications = new ArrayList<>();
  private final List<Answered> answers = new ArrayList<>();
  private final List<Mapped> mappedHouseholds = new ArrayList<>();
  private long horizon = Long.MIN_VALUE;
  private long events;

  /** Feeds one input event, in the order of its partition. */
  void accept(WorldEvent event) {
    events++;
    Object e = event.getEvent();
    if (e instanceof ClipRecorded c) {
      originals.put(c.getClipId(), new Original(c.getRegion(), c.getRecordedAt()));
    } else if (e instanceof ClipShared s) {
      clipEvents.computeIfAbsent(s.getClipId(), k -> new ArrayList<>()).add(event);
    } else if (e instanceof CopyMade c) {
      clipEvents.computeIfAbsent(c.getClipId(), k -> new ArrayList<>()).add(event);
    } else if (e instanceof LegalHold h) {
      clipEvents.computeIfAbsent(h.getClipId(), k -> new ArrayList<>()).add(event);
    } else if (e instanceof PoliceRequest r) {
      requests.add(
          new Asked(r.getWindowStart(), r.getWindowEnd(), r.getRadiusMiles(), r.getIssuedAt(), -1));
    } else if (e instanceof RequestNotification n) {
      notifications.add(
          new Asked(
              n.getWindowStart(),
              n.getWindowEnd(),
              n.getRadiusMiles(),
              n.getIssuedAt(),
              n.getCameraDistanceMiles()));
    } else if (e instanceof RequestAnswer a) {
      answers.add(
          new Answered(
              a.getAnswer(),
              new Asked(
                  a.getWindowStart(),
                  a.getWindowEnd(),
                  a.getRadiusMiles(),
                  a.getIssuedAt(),
                  a.getCameraDistanceMiles()),
              a.getRefusalReported(),
              a.getHouseholdId(),
              event.getEventTime()));
    } else if (e instanceof CameraMapped m) {
      mappedHouseholds.add(new Mapped(m.getHouseholdId(), event.getEventTime()));
    } else if (e instanceof ClockTick t && t.getLast()) {
      horizon = Math.max(horizon, event.getEventTime());
    }
  }

  long events() {
    return events;
  }

  /**
   * What the service must write for {@code policies}. A receipt's {@code cause} is the one the
   * verifier expects; its {@code reason} is the verifier's own words for it, never compared: the
   * service words its reasons as it likes.
   */
  Expected expected(List<Policy> policies) {
    if (horizon == Long.MIN_VALUE) {
      throw new IllegalStateException("the input has no final clock tick: the run is not over");
    }
    List<CopyLedgerEntry> ledger = new ArrayList<>();
    List<CopyReceipt> receipts = new ArrayList<>();
    Map<String, Map<String, Long>> counters = new TreeMap<>();
    for (Policy policy : policies) {
      Map<String, Long> count = new TreeMap<>();
      for (String name : COUNTERS) {
        count.put(name, 0L);
      }
      portal(policy, count);
      for (HolderType holder : HolderType.values()) {
        count.put(COPIES_CREATED.of(holder).wireName(), 0L);
        count.put(COPIES_ALIVE.of(holder).wireName(), 0L);
      }
      clipEvents.forEach(
          (clipId, clipLog) -> replay(policy, clipId, clipLog, ledger, receipts, count));
      counters.put(policy.name(), count);
    }
    return new Expected(ledger, receipts, counters);
  }

  /**
   * Requests, emails and answers under one policy: at a portal enforcing the caps, a request below
   * a minimum (or while the portal is closed) is refused, one past a maximum narrowed; an email
   * goes out only for a request not refused, to a camera inside the maximum area (an unknown
   * distance is inside), and an answer counts only to an email that went out. Households police
   * learn of: a counted shared answer, a counted refusal the provider reported, a camera on a map,
   * when the policy discloses addresses.
   */
  private void portal(Policy policy, Map<String, Long> count) {
    for (Asked r : requests) {
      RequestCaps caps = requestsAt(policy, r.issuedAt());
      boolean atPortal = caps.enforcedAt() == RequestCaps.EnforcedAt.PORTAL;
      count.merge(SharingMeasure.REQUESTS_MADE.wireName(), 1L, Long::sum);
      SharingMeasure refusal = atPortal ? refusal(caps, r) : null;
      if (refusal != null) {
        count.merge(SharingMeasure.REQUESTS_REFUSED.wireName(), 1L, Long::sum);
        count.merge(refusal.wireName(), 1L, Long::sum);
        continue;
      }
      count.merge(REQUESTS.wireName(), 1L, Long::sum);
      if (!atPortal) {
        continue;
      }
      boolean window =
          caps.maxWindowHours() != null
              && r.windowEnd() - r.windowStart() > (long) (caps.maxWindowHours() * HOUR);
      boolean area =
          caps.maxAreaSquareMiles() != null
              && Math.PI * r.radiusMiles() * r.radiusMiles() > caps.maxAreaSquareMiles();
      boolean lookBack =
          caps.maxLookBackDays() != null
              && r.issuedAt() - r.windowStart() > (long) (caps.maxLookBackDays() * DAY);
      if (window || area || lookBack) {
        count.merge(SharingMeasure.REQUESTS_NARROWED.wireName(), 1L, Long::sum);
      }
      if (window) {
        count.merge(SharingMeasure.REQUESTS_NARROWED_WINDOW.wireName(), 1L, Long::sum);
      }
      if (area) {
        count.merge(SharingMeasure.REQUESTS_NARROWED_AREA.wireName(), 1L, Long::sum);
      }
      if (lookBack) {
        count.merge(SharingMeasure.REQUESTS_NARROWED_LOOK_BACK.wireName(), 1L, Long::sum);
      }
    }
    for (Asked n : notifications) {
      count.merge(
          (emailed(requestsAt(policy, n.issuedAt()), n)
                  ? NOTIFICATIONS
                  : SharingMeasure.NOTIFICATIONS_WITHHELD)
              .wireName(),
          1L,
          Long::sum);
    }
    Set<String> known = new HashSet<>();
    for (Answered a : answers) {
      Asked asked = a.asked();
      boolean termsUnknown =
          asked.issuedAt() == 0 && asked.windowStart() == 0 && asked.windowEnd() == 0;
      if (!termsUnknown && !emailed(requestsAt(policy, asked.issuedAt()), asked)) {
        continue;
      }
      SharingMeasure measure =
          a.answer() == Answer.SHARED
              ? ANSWERS_SHARED
              : a.answer() == Answer.DECLINED ? DECLINED : IGNORED;
      count.merge(measure.wireName(), 1L, Long::sum);
      if (addressDisclosedAt(policy, a.at())
          && (a.answer() == Answer.SHARED || a.refusalReported())) {
        known.add(a.household());
      }
    }
    for (Mapped m : mappedHouseholds) {
      if (addressDisclosedAt(policy, m.at())) {
        known.add(m.household());
      }
    }
    count.put(SharingMeasure.HOUSEHOLDS_KNOWN_TO_POLICE.wireName(), (long) known.size());
  }

  /** The measure of the cause the portal refuses a request for, or null if it sends it. */
  private static SharingMeasure refusal(RequestCaps caps, Asked r) {
    if (!caps.open()) {
      return SharingMeasure.REQUESTS_REFUSED_PORTAL_CLOSED;
    }
    long windowMs = r.windowEnd() - r.windowStart();
    if (caps.minWindowMinutes() != null && windowMs < caps.minWindowMinutes() * 60_000) {
      return SharingMeasure.REQUESTS_REFUSED_WINDOW_BELOW_MINIMUM;
    }
    if (caps.minAreaSquareMiles() != null
        && Math.PI * r.radiusMiles() * r.radiusMiles() < caps.minAreaSquareMiles()) {
      return SharingMeasure.REQUESTS_REFUSED_AREA_BELOW_MINIMUM;
    }
    if (caps.maxLookBackDays() != null) {
      long earliest = r.issuedAt() - (long) (caps.maxLookBackDays() * DAY);
      long end = r.windowEnd();
      if (caps.maxWindowHours() != null) {
        end = Math.min(end, r.windowStart() + (long) (caps.maxWindowHours() * HOUR));
      }
      if (earliest > r.windowStart() && earliest >= end) {
        return SharingMeasure.REQUESTS_REFUSED_PAST_LOOK_BACK;
      }
    }
    return null;
  }

  /** Whether the portal sends the email: always unless it enforces the caps. */
  private static boolean emailed(RequestCaps caps, Asked n) {
    if (caps.enforcedAt() != RequestCaps.EnforcedAt.PORTAL) {
      return true;
    }
    if (refusal(caps, n) != null) {
      return false;
    }
    double d = n.distance();
    return caps.maxAreaSquareMiles() == null
        || d < 0
        || Math.PI * d * d <= caps.maxAreaSquareMiles();
  }

  /** One clip's shares, onward copies and holds under one policy. */
  private void replay(
      Policy policy,
      String clipId,
      List<WorldEvent> clipLog,
      List<CopyLedgerEntry> ledger,
      List<CopyReceipt> receipts,
      Map<String, Long> count) {
    Original original = originals.get(clipId);
    if (original == null) {
      throw new IllegalStateException(
          "clip " + clipId + " is shared or held but was never recorded");
    }
    RetentionVerifier.SimplePolicy retention = retentionOf(policy);
    long due = retention.dueAt(original.region(), original.recordedAt());
    boolean sharedOriginalsKept = retention.exempts(original.recordedAt());
    boolean kept = false; // a share admitted under a policy that keeps shared originals
    boolean deleted = false;
    boolean dueSeen = false;
    Set<String> holds = new HashSet<>();
    Map<String, Copy> copies = new HashMap<>();

    for (WorldEvent event : clipLog) {
      long t = event.getEventTime();
      // the retention period ends before anything that happens at the same instant
      if (!kept && !dueSeen && due <= t) {
        dueSeen = true;
        deleted = holds.isEmpty();
      }
      Object e = event.getEvent();
      if (e instanceof LegalHold h) {
        if (deleted) {
          continue;
        }
        if (h.getPlaced()) {
          holds.add(h.getHoldId());
        } else if (holds.remove(h.getHoldId()) && holds.isEmpty() && dueSeen && !kept) {
          deleted = true;
        }
      } else if (e instanceof ClipShared s) {
        RequestCaps atIssue =
            s.getRequest() == null
                ? policy.requests()
                : requestsAt(policy, s.getRequest().getIssuedAt());
        if (notAskedFor(atIssue, s, original.recordedAt())) {
          // the portal never asked for it: no copy, no receipt, not a blocked share
          continue;
        }
        long decidingAt = decidingAt(policy, original.recordedAt(), t);
        Cause blockedBy =
            atIssue.enforcedAt() == RequestCaps.EnforcedAt.PORTAL
                ? null
                : capBlocking(
                    sectionAt(policy, decidingAt, policy.requests(), PolicyStage::requests),
                    s,
                    original.recordedAt());
        if (blockedBy != null) {
          receipts.add(
              blockedBy.receipt(
                  policy.name(),
                  s.getCopyId(),
                  clipId,
                  s.getHouseholdId(),
                  CopyReceiptKind.SHARE_BLOCKED,
                  t,
                  labelAt(policy, decidingAt)));
          count.merge(SHARES_BLOCKED_BY_POLICY.wireName(), 1L, Long::sum);
          if (blockedBy.cause() != CopyReceiptCause.PORTAL_CLOSED) {
            count.merge(SharingMeasure.SHARES_BLOCKED_BY_CAPS.wireName(), 1L, Long::sum);
            count.merge(SharingMeasure.blockedBy(blockedBy.cause()).wireName(), 1L, Long::sum);
          }
          continue;
        }
        if (deleted) {
          count.merge(SHARES_REFUSED_EXPIRED.wireName(), 1L, Long::sum);
          continue;
        }
        if (sharedOriginalsKept) {
          kept = true;
        }
        CopyLedgerEntry made =
            CopyLedgerEntry.newBuilder()
                .setPolicy(policy.name())
                .setCopyId(s.getCopyId())
                .setParentCopyId(null)
                .setClipId(clipId)
                .setCameraId(s.getCameraId())
                .setHouseholdId(s.getHouseholdId())
                .setClipRecordedAt(original.recordedAt())
                .setHolderId(s.getRecipientId())
                .setHolderType(s.getHolderType())
                .setKind(CopyKind.SHARE)
                .setChannel(s.getChannel())
                .setRequestId(s.getRequest() == null ? null : s.getRequest().getRequestId())
                .setAddressDisclosed(
                    s.getAddressDisclosed()
                        && sectionAt(
                            policy,
                            decidingAt,
                            policy.addressDisclosed(),
                            PolicyStage::addressDisclosed))
                .setMadeAt(t)
                .setExpiresAt(
                    copyExpiry(
                        copiesAt(policy, decidingAt),
                        s.getHolderType(),
                        t,
                        sharedOriginalsKept ? null : due))
                .setStatus(CopyStatus.ALIVE)
                .setUpdatedAt(t)
                .setStage(labelAt(policy, decidingAt))
                .build();
        count.merge(
            (s.getChannel() == ShareChannel.POLICE_REQUEST ? SHARES_VIA_REQUEST : SHARES_VIA_POST)
                .wireName(),
            1L,
            Long::sum);
        copies.put(s.getCopyId(), new Copy(made));
        created(policy, made, ledger, receipts, count);
      } else if (e instanceof CopyMade c) {
        Copy parent = copies.get(c.getParentCopyId());
        long decidingAt = decidingAt(policy, original.recordedAt(), t);
        Forwarding forwarding =
            sectionAt(policy, decidingAt, policy.forwarding(), PolicyStage::forwarding);
        Cause blockedBy = null;
        if (parent == null || !parent.aliveAt(t)) {
          blockedBy = new Cause(CopyReceiptCause.NO_LIVE_PARENT, "no live parent");
        } else if (c.getKind() == CopyKind.FORWARD && forwarding == Forwarding.NONE) {
          blockedBy = new Cause(CopyReceiptCause.FORWARDING_FORBIDDEN, "forwarding forbidden");
          count.merge(SHARES_BLOCKED_BY_POLICY.wireName(), 1L, Long::sum);
        } else if (c.getKind() == CopyKind.FORWARD
            && forwarding == Forwarding.LOCAL_ONLY
            && c.getHolderType() == HolderType.FEDERAL_AGENCY) {
          blockedBy =
              new Cause(CopyReceiptCause.FEDERAL_FORWARDING_FORBIDDEN, "no federal forwarding");
          count.merge(SHARES_BLOCKED_BY_POLICY.wireName(), 1L, Long::sum);
        }
        if (blockedBy != null) {
          receipts.add(
              blockedBy.receipt(
                  policy.name(),
                  c.getCopyId(),
                  clipId,
                  c.getHouseholdId(),
                  CopyReceiptKind.FORWARD_BLOCKED,
                  t,
                  labelAt(policy, decidingAt)));
          count.merge(FORWARDS_BLOCKED.wireName(), 1L, Long::sum);
          count.merge(SharingMeasure.blockedBy(blockedBy.cause()).wireName(), 1L, Long::sum);
          continue;
        }
        CopyLedgerEntry made =
            CopyLedgerEntry.newBuilder(parent.made())
                .setCopyId(c.getCopyId())
                .setParentCopyId(c.getParentCopyId())
                .setHolderId(c.getHolderId())
                .setHolderType(c.getHolderType())
                .setKind(c.getKind())
                .setMadeAt(t)
                .setExpiresAt(
                    copyExpiry(
                        copiesAt(policy, decidingAt),
                        c.getHolderType(),
                        t,
                        sharedOriginalsKept ? null : due))
                .setStatus(CopyStatus.ALIVE)
                .setUpdatedAt(t)
                .setStage(labelAt(policy, decidingAt))
                .build();
        copies.put(c.getCopyId(), new Copy(made));
        created(policy, made, ledger, receipts, count);
      }
    }
  }

  /** A copy's ledger entry, and its expiry when that comes by the horizon. */
  private void created(
      Policy policy,
      CopyLedgerEntry made,
      List<CopyLedgerEntry> ledger,
      List<CopyReceipt> receipts,
      Map<String, Long> count) {
    ledger.add(made);
    count.merge(COPIES_CREATED.wireName(), 1L, Long::sum);
    count.merge(COPIES_CREATED.of(made.getHolderType()).wireName(), 1L, Long::sum);
    Long end = made.getExpiresAt();
    if (end != null && end <= horizon) {
      ledger.add(
          CopyLedgerEntry.newBuilder(made).setStatus(CopyStatus.EXPIRED).setUpdatedAt(end).build());
      Copies rules =
          copiesAt(policy, decidingAt(policy, made.getClipRecordedAt(), made.getMadeAt()));
      Cause cause =
          rules.inheritOriginalExpiry()
              ? new Cause(CopyReceiptCause.EXPIRED_WITH_ORIGINAL, "with the original")
              : new Cause(
                  CopyReceiptCause.HOLDER_LIFETIME_ENDED,
                  "lifetime "
                      + made.getHolderType()
                      + " "
                      + rules.lifetimeDays().get(made.getHolderType())
                      + " days");
      receipts.add(
          cause.receipt(
              policy.name(),
              made.getCopyId(),
              made.getClipId(),
              made.getHouseholdId(),
              CopyReceiptKind.COPY_EXPIRED,
              end,
              made.getStage()));
      count.merge(COPIES_EXPIRED.wireName(), 1L, Long::sum);
    } else {
      count.merge(COPIES_ALIVE.wireName(), 1L, Long::sum);
      count.merge(COPIES_ALIVE.of(made.getHolderType()).wireName(), 1L, Long::sum);
    }
  }

  /**
   * When a copy made at {@code madeAt} ends: with the original's retention period (never for a kept
   * original, and no earlier than the copy itself) if copies inherit it, after the holder type's
   * lifetime if one is set, else never (null).
   */
  private static Long copyExpiry(Copies rules, HolderType holder, long madeAt, Long originalDue) {
    if (rules.inheritOriginalExpiry()) {
      return originalDue == null ? null : Math.max(originalDue, madeAt);
    }
    Integer days = rules.lifetimeDays().get(holder);
    return days == null ? null : madeAt + days * DAY;
  }

  /**
   * The request cap a police share breaks, or null: a window or area below the minimum refuses the
   * whole request; past the minimums, footage recorded after the first maxWindowHours of the
   * window, from a camera outside the maximum area around the centre, or older than the look-back
   * is blocked.
   */
  private static Cause capBlocking(RequestCaps caps, ClipShared share, long recordedAt) {
    RequestTerms r = share.getRequest();
    if (share.getChannel() != ShareChannel.POLICE_REQUEST
        || r == null
        || caps.enforcedAt() == RequestCaps.EnforcedAt.PORTAL) {
      return null;
    }
    if (!caps.open()) {
      return new Cause(CopyReceiptCause.PORTAL_CLOSED, "portal closed");
    }
    long windowMs = r.getWindowEnd() - r.getWindowStart();
    double areaAsked = Math.PI * r.getRadiusMiles() * r.getRadiusMiles();
    double d = r.getCameraDistanceMiles();
    if (caps.minWindowMinutes() != null && windowMs < caps.minWindowMinutes() * 60_000) {
      return new Cause(CopyReceiptCause.WINDOW_BELOW_MINIMUM, "window below minimum");
    }
    if (caps.minAreaSquareMiles() != null && areaAsked < caps.minAreaSquareMiles()) {
      return new Cause(CopyReceiptCause.AREA_BELOW_MINIMUM, "area below minimum");
    }
    if (caps.maxWindowHours() != null
        && recordedAt - r.getWindowStart() >= (long) (caps.maxWindowHours() * HOUR)) {
      return new Cause(CopyReceiptCause.OUTSIDE_WINDOW, "outside the window");
    }
    if (caps.maxAreaSquareMiles() != null && Math.PI * d * d > caps.maxAreaSquareMiles()) {
      return new Cause(CopyReceiptCause.OUTSIDE_AREA, "outside the area");
    }
    if (caps.maxLookBackDays() != null
        && r.getIssuedAt() - recordedAt > (long) (caps.maxLookBackDays() * DAY)) {
      return new Cause(CopyReceiptCause.PAST_LOOK_BACK, "past the look-back");
    }
    return null;
  }

  /**
   * Whether a police share lies outside what a portal enforcing the caps asked for: the request
   * refused, the owner not emailed, or the clip after the window's first maxWindowHours or before
   * the look-back.
   */
  private static boolean notAskedFor(RequestCaps caps, ClipShared share, long recordedAt) {
    RequestTerms r = share.getRequest();
    if (share.getChannel() != ShareChannel.POLICE_REQUEST
        || r == null
        || caps.enforcedAt() != RequestCaps.EnforcedAt.PORTAL) {
      return false;
    }
    Asked asked =
        new Asked(
            r.getWindowStart(),
            r.getWindowEnd(),
            r.getRadiusMiles(),
            r.getIssuedAt(),
            r.getCameraDistanceMiles());
    if (!emailed(caps, asked)) {
      return true;
    }
    if (caps.maxWindowHours() != null
        && recordedAt - r.getWindowStart() >= (long) (caps.maxWindowHours() * HOUR)) {
      return true;
    }
    return caps.maxLookBackDays() != null
        && r.getIssuedAt() - recordedAt > (long) (caps.maxLookBackDays() * DAY);
  }

  /** Why a receipt is expected: the cause it must carry, and the verifier's words for it. */
  private record Cause(CopyReceiptCause cause, String words) {
    CopyReceipt receipt(
        String policy,
        String copyId,
        String clipId,
        String householdId,
        CopyReceiptKind kind,
        long at,
        String stage) {
      return new CopyReceipt(policy, copyId, clipId, householdId, kind, at, words, cause, stage);
    }
  }

  // ---- the policy's stages, read with the verifier's own code ----

  /** Midnight UTC of a stage's date. */
  private static long startOf(PolicyStage stage) {
    return LocalDate.parse(stage.from()).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** When the rules deciding about a clip are taken: at the event, or at the clip's recording. */
  private static long decidingAt(Policy policy, long recordedAt, long eventAt) {
    return policy.existingClips() == ExistingClips.KEEP_OLD_RULES ? recordedAt : eventAt;
  }

  /** A section as in force at {@code at}: the last stage by then that names it, else the base. */
  private static <T> T sectionAt(Policy policy, long at, T base, Function<PolicyStage, T> section) {
    T value = base;
    for (PolicyStage stage : policy.stages()) {
      if (startOf(stage) <= at && section.apply(stage) != null) {
        value = section.apply(stage);
      }
    }
    return value;
  }

  private static RequestCaps requestsAt(Policy policy, long at) {
    return sectionAt(policy, at, policy.requests(), PolicyStage::requests);
  }

  private static boolean addressDisclosedAt(Policy policy, long at) {
    return sectionAt(policy, at, policy.addressDisclosed(), PolicyStage::addressDisclosed);
  }

  private static Copies copiesAt(Policy policy, long at) {
    return sectionAt(policy, at, policy.copies(), PolicyStage::copies);
  }

  /** The label of the stage in force at {@code at}: its date, or base. */
  private static String labelAt(Policy policy, long at) {
    String label = "base";
    for (PolicyStage stage : policy.stages()) {
      if (startOf(stage) <= at) {
        label = stage.from();
      }
    }
    return label;
  }

  /** The policy's retention over time, as the retention verifier computes due times. */
  private static RetentionVerifier.SimplePolicy retentionOf(Policy policy) {
    List<RetentionVerifier.SimpleStage> stages = new ArrayList<>();
    Retention current = policy.retention();
    for (PolicyStage stage : policy.stages()) {
      if (stage.retention() != null) {
        current = stage.retention();
      }
      stages.add(
          new RetentionVerifier.SimpleStage(
              stage.from(),
              startOf(stage),
              current.days(),
              current.regions(),
              current.sharedOriginals() == Retention.SharedOriginals.EXEMPT));
    }
    Retention base = policy.retention();
    return new RetentionVerifier.SimplePolicy(
        policy.name(),
        base.days(),
        base.regions(),
        base.sharedOriginals() == Retention.SharedOriginals.EXEMPT,
        stages,
        policy.existingClips() == ExistingClips.FOLLOW_NEW_RULES);
  }

  /**
   * What the service must write: ledger entries, receipts (with the expected cause) and final
   * counters per policy.
   */
  record Expected(
      List<CopyLedgerEntry> ledger,
      List<CopyReceipt> receipts,
      Map<String, Map<String, Long>> counters) {}

  /** Every difference found, by category, each as a readable line. */
  record Diff(
      int expected,
      int actual,
      List<String> missing,
      List<String> duplicated,
      List<String> wrong,
      List<String> unexpected) {

    boolean clean() {
      return missing.isEmpty() && duplicated.isEmpty() && wrong.isEmpty() && unexpected.isEmpty();
    }

    String counts() {
      return "missing "
          + missing.size()
          + ", duplicated "
          + duplicated.size()
          + ", wrong "
          + wrong.size()
          + ", unexpected "
          + unexpected.size();
    }

    /** The counts, then up to {@code perCategory} lines of each category. */
    String describe(int perCategory) {
      StringBuilder out = new StringBuilder();
      out.append(expected)
          .append(" records expected, ")
          .append(actual)
          .append(" written: ")
          .append(counts());
      section(out, "missing", missing, perCategory);
      section(out, "duplicated", duplicated, perCategory);
      section(out, "wrong", wrong, perCategory);
      section(out, "unexpected", unexpected, perCategory);
      return out.toString();
    }

    private static void section(StringBuilder out, String name, List<String> lines, int limit) {
      if (lines.isEmpty()) {
        return;
      }
      out.append("\n").append(name).append(":");
      lines.stream().limit(limit).forEach(line -> out.append("\n  ").append(line));
      if (lines.size() > limit) {
        out.append("\n  ... and ").append(lines.size() - limit).append(" more");
      }
    }
  }

  /**
   * Holds what was written against what was expected. A record is identified by its topic, policy,
   * copy id and (ledger) status, a statistics record by policy and day: an expected record not
   * written is missing, one written more than once is duplicated, one written with other contents
   * is wrong, one written where none was expected is unexpected.
   */
  static Diff compare(
      Expected expected,
      List<CopyLedgerEntry> ledger,
      List<CopyReceipt> receipts,
      List<DailyStats> stats) {
    Map<String, String> want = new TreeMap<>();
    for (CopyLedgerEntry e : expected.ledger()) {
      expect(want, ledgerId(e), ledgerLine(e));
    }
    for (CopyReceipt r : expected.receipts()) {
      expect(want, receiptId(r), receiptLine(r));
    }
    Map<String, List<String>> got = new TreeMap<>();
    for (CopyLedgerEntry e : ledger) {
      got.computeIfAbsent(ledgerId(e), k -> new ArrayList<>()).add(ledgerLine(e));
    }
    for (CopyReceipt r : receipts) {
      got.computeIfAbsent(receiptId(r), k -> new ArrayList<>()).add(receiptLine(r));
    }
    expected
        .counters()
        .forEach(
            (policy, counters) -> want.put("stats " + policy + " last", counterLine(counters)));
    // one statistics record per policy and day; the final day's counters are compared once
    Map<String, List<DailyStats>> statsByDay = new TreeMap<>();
    for (DailyStats s : stats) {
      statsByDay
          .computeIfAbsent("stats " + s.getPolicy() + " " + s.getDay(), k -> new ArrayList<>())
          .add(s);
    }
    statsByDay.values().stream()
        .map(days -> days.get(0))
        .filter(DailyStats::getLast)
        .forEach(
            s -> {
              Map<String, Long> written = new TreeMap<>();
              expected
                  .counters()
                  .getOrDefault(s.getPolicy(), Map.of())
                  .keySet()
                  .forEach(
                      name ->
                          written.put(
                              name, s.getMeasures().get(name))); // null where missing, never 0
              got.computeIfAbsent("stats " + s.getPolicy() + " last", k -> new ArrayList<>())
                  .add(counterLine(written));
            });

    List<String> missing = new ArrayList<>();
    List<String> duplicated = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    want.forEach(
        (id, line) -> {
          List<String> written = got.getOrDefault(id, List.of());
          long right = written.stream().filter(line::equals).count();
          if (written.isEmpty() && !compactedAway(id, got)) {
            missing.add(line);
          }
          for (long i = 1; i < right; i++) {
            duplicated.add(line);
          }
          written.stream()
              .filter(w -> !w.equals(line))
              .forEach(w -> wrong.add("expected " + line + "\n    written  " + w));
        });
    got.forEach(
        (id, written) -> {
          if (!want.containsKey(id)) {
            unexpected.addAll(written);
          }
        });
    statsByDay.forEach(
        (id, written) -> {
          for (int i = 1; i < written.size(); i++) {
            duplicated.add(id + " " + written.get(i).getMeasures());
          }
        });
    int actual =
        ledger.size() + receipts.size() + (int) stats.stream().filter(DailyStats::getLast).count();
    return new Diff(want.size(), actual, missing, duplicated, wrong, unexpected);
  }

  private static void expect(Map<String, String> want, String id, String line) {
    if (want.put(id, line) != null) {
      throw new IllegalStateException("the verifier expects two records for " + id);
    }
  }

  /**
   * Whether {@code id} names a copy's ALIVE entry whose EXPIRED entry was written: copy-ledger is
   * compacted, and the log cleaner may already have removed the older entry of that key (its
   * segments roll by event time, so it does so within a run).
   */
  private static boolean compactedAway(String id, Map<String, List<String>> got) {
    String alive = " " + CopyStatus.ALIVE;
    return id.startsWith("ledger ")
        && id.endsWith(alive)
        && !got.getOrDefault(
                id.substring(0, id.length() - alive.length()) + " " + CopyStatus.EXPIRED, List.of())
            .isEmpty();
  }

  private static String ledgerId(CopyLedgerEntry e) {
    return "ledger " + e.getPolicy() + "/" + e.getCopyId() + " " + e.getStatus();
  }

  private static String receiptId(CopyReceipt r) {
    return "receipt " + r.getPolicy() + "/" + r.getCopyId();
  }

  private static String ledgerLine(CopyLedgerEntry e) {
    return "ledger "
        + e.getPolicy()
        + "/"
        + e.getCopyId()
        + " "
        + e.getStatus()
        + " parent="
        + e.getParentCopyId()
        + " clip="
        + e.getClipId()
        + " camera="
        + e.getCameraId()
        + " household="
        + e.getHouseholdId()
        + " recorded="
        + e.getClipRecordedAt()
        + " holder="
        + e.getHolderId()
        + "("
        + e.getHolderType()
        + ") kind="
        + e.getKind()
        + " channel="
        + e.getChannel()
        + " request="
        + e.getRequestId()
        + " address="
        + e.getAddressDisclosed()
        + " made="
        + e.getMadeAt()
        + " expires="
        + e.getExpiresAt()
        + " updated="
        + e.getUpdatedAt()
        + " stage="
        + e.getStage();
  }

  /** A receipt's typed fields; the reason is words for people and is not compared. */
  private static String receiptLine(CopyReceipt r) {
    return "receipt "
        + r.getPolicy()
        + "/"
        + r.getCopyId()
        + " "
        + r.getKind()
        + " clip="
        + r.getClipId()
        + " household="
        + r.getHouseholdId()
        + " at="
        + r.getDecidedAt()
        + " cause="
        + r.getCause()
        + " stage="
        + r.getStage();
  }

  private static String counterLine(Map<String, Long> counters) {
    return "final counters " + new TreeMap<>(counters);
  }
}
