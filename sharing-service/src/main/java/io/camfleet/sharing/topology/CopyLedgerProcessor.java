package io.camfleet.sharing.topology;

import static io.camfleet.schemas.stats.MeasureKey.byHolder;
import static io.camfleet.schemas.stats.SharingMeasure.ANSWERS_SHARED;
import static io.camfleet.schemas.stats.SharingMeasure.COPIES_ALIVE;
import static io.camfleet.schemas.stats.SharingMeasure.COPIES_CREATED;
import static io.camfleet.schemas.stats.SharingMeasure.COPIES_EXPIRED;
import static io.camfleet.schemas.stats.SharingMeasure.DECLINED;
import static io.camfleet.schemas.stats.SharingMeasure.FOOTAGE_ALIVE_PAST_RETENTION;
import static io.camfleet.schemas.stats.SharingMeasure.FORWARDS_BLOCKED;
import static io.camfleet.schemas.stats.SharingMeasure.IGNORED;
import static io.camfleet.schemas.stats.SharingMeasure.NOTIFICATIONS;
import static io.camfleet.schemas.stats.SharingMeasure.NOTIFICATIONS_WITHHELD;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_MADE;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_NARROWED;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_NARROWED_AREA;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_NARROWED_LOOK_BACK;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_NARROWED_WINDOW;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_REFUSED;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_REFUSED_AREA_BELOW_MINIMUM;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_REFUSED_PAST_LOOK_BACK;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_REFUSED_PORTAL_CLOSED;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_REFUSED_WINDOW_BELOW_MINIMUM;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_BLOCKED_BY_CAPS;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_BLOCKED_BY_POLICY;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_REFUSED_EXPIRED;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_VIA_POST;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_VIA_REQUEST;

import io.camfleet.avro.Answer;
import io.camfleet.avro.CameraInstalled;
import io.camfleet.avro.CameraMapped;
import io.camfleet.avro.ClipExposure;
import io.camfleet.avro.ClipHolds;
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
import io.camfleet.avro.HoldChange;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.HouseholdCopyChange;
import io.camfleet.avro.HouseholdSignal;
import io.camfleet.avro.LegalHold;
import io.camfleet.avro.PoliceRequest;
import io.camfleet.avro.RequestAnswer;
import io.camfleet.avro.RequestNotification;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.SourceWatermark;
import io.camfleet.avro.StatsDelta;
import io.camfleet.avro.WorldEvent;
import io.camfleet.policy.Copies;
import io.camfleet.policy.Decision;
import io.camfleet.policy.OriginalLifecycle;
import io.camfleet.policy.OriginalLifecycle.Fact;
import io.camfleet.policy.OriginalLifecycle.Transition;
import io.camfleet.policy.PolicyRules;
import io.camfleet.policy.Portal;
import io.camfleet.policy.RequestCaps;
import io.camfleet.schemas.stats.MeasureKey;
import io.camfleet.schemas.stats.SharingMeasure;
import io.camfleet.sharing.topology.CopyStores.CopyKey;
import io.camfleet.sharing.topology.CopyStores.HolderCopyKey;
import io.camfleet.sharing.topology.ExpirySchedule.Due;
import io.camfleet.sharing.topology.ExpirySchedule.Kind;
import io.camfleet.streams.InvariantViolation;
import io.camfleet.streams.stats.DailyDeltas;
import io.camfleet.streams.stats.RunDeltas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the copies of every shared clip under every policy, on the partition of the clip's camera:
 * admits or blocks each share and onward copy, expires copies in event time, and forwards ledger
 * entries, receipts, the day's measures and the household changes.
 */
final class CopyLedgerProcessor implements Processor<byte[], WorldEvent, String, SpecificRecord> {
  private final Map<String, PolicyRules> policies = new LinkedHashMap<>();
  private final MeasureSlots measure = MeasureSlots.COPIES;

  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, CopyLedgerEntry> copies;
  private KeyValueStore<String, String> holderCopies;
  private KeyValueStore<String, CopyLedgerEntry> endedCopies;
  private KeyValueStore<String, String> holderEndedCopies;
  private KeyValueStore<String, CopyReceipt> receipts;
  private KeyValueStore<String, ClipExposure> clips;
  private KeyValueStore<String, String> registry;
  private KeyValueStore<String, ClipHolds> holds;
  private ExpirySchedule schedule;
  private final List<String> runs;
  private RunDeltas deltas;
  // The open days of the run that the record, or the copy or clip falling due, belongs to.
  private DailyDeltas days;
  private int partition;
  // Not the task's stream time: this task also reads the household signals of other partitions.
  private long streamTime = Long.MIN_VALUE;
  // Whether this instance has told the household counts where its partition's records begin.
  private boolean announced;

  CopyLedgerProcessor(List<PolicyRules> rules, List<String> runs) {
    rules.forEach(p -> policies.put(p.policyName(), p));
    this.runs = List.copyOf(runs);
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.copies = context.getStateStore(CopyStores.COPIES);
    this.holderCopies = context.getStateStore(CopyStores.HOLDER_COPIES);
    this.endedCopies = context.getStateStore(CopyStores.ENDED_COPIES);
    this.holderEndedCopies = context.getStateStore(CopyStores.HOLDER_ENDED_COPIES);
    this.receipts = context.getStateStore(CopyStores.RECEIPTS);
    this.clips = context.getStateStore(SharingTopology.CLIPS_STORE);
    this.registry = context.getStateStore(SharingTopology.REGISTRY_STORE);
    this.holds = context.getStateStore(SharingTopology.HOLDS_STORE);
    this.schedule = new ExpirySchedule(context.getStateStore(SharingTopology.SCHEDULE_STORE));
    this.deltas =
        new RunDeltas(
            context.getStateStore(SharingTopology.COPY_DAYS_STORE),
            runs,
            List.copyOf(policies.keySet()),
            MeasureSlots.COPIES.names());
  }

  @Override
  public void process(Record<byte[], WorldEvent> record) {
    WorldEvent world = record.value();
    if (world == null) {
      return;
    }
    Object event = world.getEvent();
    long time = world.getEventTime();
    check(event, time);
    DailyDeltas recordDays = runOf(event);

    partition = context.recordMetadata().map(RecordMetadata::partition).orElse(0);
    streamTime = Math.max(streamTime, time);
    if (!announced) {
      // Nothing on this partition comes before its first record: telling the household counts so
      // opens the world's first day there even when the first clock tick falls at its end (a world
      // ticking once a day). Said again after a restart, it moves no watermark back.
      signal(streamTime, new SourceWatermark(false), "watermark");
      announced = true;
    }
    for (Due due : schedule.takeDue(streamTime)) {
      forwardDeltas(deltas.advanceTo(due.time(), partition));
      if (due.kind() == Kind.COPY_EXPIRES) {
        expireCopy(due.target(), due.time());
      } else {
        originalDue(due.target());
      }
    }
    forwardDeltas(deltas.advanceTo(streamTime, partition));
    days = recordDays;

    if (event instanceof PoliceRequest request) {
      request(request);
    } else if (event instanceof RequestNotification notification) {
      for (PolicyRules rules : policies.values()) {
        boolean sent = Portal.notifies(portalCaps(rules, notification.getIssuedAt()), notification);
        add(rules.policyName(), sent ? NOTIFICATIONS : NOTIFICATIONS_WITHHELD, 1);
      }
    } else if (event instanceof RequestAnswer answer) {
      answer(answer, time);
    } else if (event instanceof CameraMapped mapped) {
      for (PolicyRules rules : policies.values()) {
        if (rules.inForceAt(time).addressDisclosed()) {
          knownToPolice(rules.policyName(), mapped.getHouseholdId(), time);
        }
      }
    } else if (event instanceof ClipShared share) {
      share(share, time);
    } else if (event instanceof CopyMade copy) {
      copy(copy, time);
    } else if (event instanceof LegalHold hold) {
      ClipHolds log = holds.get(hold.getClipId());
      List<HoldChange> changes =
          log == null ? new ArrayList<>() : new ArrayList<>(log.getChanges());
      changes.add(new HoldChange(hold.getHoldId(), time, hold.getPlaced()));
      holds.put(hold.getClipId(), new ClipHolds(changes));
    } else if (event instanceof ClockTick tick) {
      signal(streamTime, new SourceWatermark(tick.getLast()), "watermark");
      if (tick.getLast()) {
        forwardDeltas(deltas.finish(streamTime, partition));
        // the last watermark and deltas go out now, not at the next commit (DailyStatsAggregator)
        context.commit();
      }
    }
    deltas.flush();
  }

  /** Counts a request as agencies made it, and as the portal of each policy sent or refused it. */
  private void request(PoliceRequest request) {
    for (PolicyRules rules : policies.values()) {
      String policy = rules.policyName();
      add(policy, REQUESTS_MADE, 1);
      Portal.Outcome outcome =
          Portal.decide(portalCaps(rules, request.getIssuedAt()), Portal.Terms.of(request));
      if (outcome instanceof Portal.Refused refused) {
        add(policy, REQUESTS_REFUSED, 1);
        add(policy, refusedBy(refused.cause()), 1);
      } else if (outcome instanceof Portal.Sent sent) {
        add(policy, REQUESTS, 1);
        if (sent.narrowed()) {
          add(policy, REQUESTS_NARROWED, 1);
        }
        for (Portal.Narrowing cut : sent.narrowedOn()) {
          add(
              policy,
              switch (cut) {
                case WINDOW -> REQUESTS_NARROWED_WINDOW;
                case AREA -> REQUESTS_NARROWED_AREA;
                case LOOK_BACK -> REQUESTS_NARROWED_LOOK_BACK;
              },
              1);
        }
      }
    }
  }

  private static SharingMeasure refusedBy(CopyReceiptCause cause) {
    return switch (cause) {
      case PORTAL_CLOSED -> REQUESTS_REFUSED_PORTAL_CLOSED;
      case WINDOW_BELOW_MINIMUM -> REQUESTS_REFUSED_WINDOW_BELOW_MINIMUM;
      case AREA_BELOW_MINIMUM -> REQUESTS_REFUSED_AREA_BELOW_MINIMUM;
      case PAST_LOOK_BACK -> REQUESTS_REFUSED_PAST_LOOK_BACK;
      default -> throw new IllegalArgumentException(cause + " is not a cause of a refused request");
    };
  }

  /**
   * Counts an answer under each policy whose portal sent its email; police learn of the household
   * from a shared answer, or from a refusal the provider reported, when the policy discloses
   * addresses.
   */
  private void answer(RequestAnswer answer, long time) {
    for (PolicyRules rules : policies.values()) {
      String policy = rules.policyName();
      if (!Portal.counts(portalCaps(rules, answer.getIssuedAt()), answer)) {
        continue;
      }
      add(
          policy,
          switch (answer.getAnswer()) {
            case SHARED -> ANSWERS_SHARED;
            case DECLINED -> DECLINED;
            case IGNORED -> IGNORED;
          },
          1);
      boolean learned = answer.getAnswer() == Answer.SHARED || answer.getRefusalReported();
      if (learned && rules.inForceAt(time).addressDisclosed()) {
        knownToPolice(policy, answer.getHouseholdId(), time);
      }
    }
  }

  /** The request caps of the policy in force when the request was issued. */
  private static RequestCaps portalCaps(PolicyRules rules, long issuedAt) {
    return rules.inForceAt(issuedAt).requests();
  }

  private void knownToPolice(String policy, String householdId, long time) {
    householdChange(
        time,
        HouseholdCopyChange.newBuilder()
            .setPolicy(policy)
            .setHouseholdId(householdId)
            .setHolderType(HolderType.REQUESTING_POLICE.name())
            .setLiveCopies(0)
            .setAddressDisclosed(false)
            .setKnownToPolice(true));
  }

  /**
   * The open days of the event's run, or null for a clock tick, which every run shares; an event of
   * a run the input does not carry breaks an invariant, before any state changes.
   */
  private DailyDeltas runOf(Object event) {
    if (event instanceof PoliceRequest request) {
      return deltas.ofId(request.getRequestId());
    } else if (event instanceof RequestNotification notification) {
      return deltas.ofId(notification.getHouseholdId());
    } else if (event instanceof RequestAnswer answer) {
      return deltas.ofId(answer.getHouseholdId());
    } else if (event instanceof CameraMapped mapped) {
      return deltas.ofId(mapped.getHouseholdId());
    } else if (event instanceof ClipShared share) {
      return deltas.ofId(share.getHouseholdId());
    } else if (event instanceof CopyMade copy) {
      return deltas.ofId(copy.getHouseholdId());
    } else if (event instanceof LegalHold hold) {
      return deltas.ofId(hold.getCameraId());
    } else if (event instanceof CameraInstalled installed) {
      return deltas.ofId(installed.getHouseholdId());
    } else if (event instanceof ClipRecorded clip) {
      return deltas.ofId(clip.getHouseholdId());
    }
    return null;
  }

  /** Rejects a well-formed event the world cannot have produced, before any state changes. */
  private void check(Object event, long time) {
    if (time < 0) {
      throw new InvariantViolation("event time before 1970: " + time);
    }
    if (event instanceof ClipShared share && registry.get(share.getCopyId()) != null) {
      throw new InvariantViolation("share " + share.getCopyId() + " repeats an existing copy id");
    }
    if (event instanceof CopyMade copy) {
      if (registry.get(copy.getCopyId()) != null) {
        throw new InvariantViolation("copy " + copy.getCopyId() + " repeats an existing copy id");
      }
      String parentClip = registry.get(copy.getParentCopyId());
      if (parentClip == null) {
        throw new InvariantViolation(
            "copy "
                + copy.getCopyId()
                + " names parent copy "
                + copy.getParentCopyId()
                + ", which was never made");
      }
      if (!parentClip.equals(copy.getClipId())) {
        throw new InvariantViolation(
            "copy "
                + copy.getCopyId()
                + " of clip "
                + copy.getClipId()
                + " names parent copy "
                + copy.getParentCopyId()
                + " of clip "
                + parentClip);
      }
    }
  }

  private void share(ClipShared share, long time) {
    registry.put(share.getCopyId(), share.getClipId());
    List<Fact> holdsOnClip = holdsOn(share.getClipId());
    for (PolicyRules rules : policies.values()) {
      String policy = rules.policyName();
      String clipKey = new PolicyClipKey(policy, share.getClipId()).encoded();
      // Blocked before refused, as the retention service decides: it ignores blocked shares.
      String stage = rules.forClip(share.getClipRecordedAt(), time).label();
      Decision admitted = rules.admitShare(share, time);
      if (admitted instanceof Decision.NotRequested) {
        // the portal never asked for this footage: no copy, and not a blocked share
        continue;
      }
      if (admitted instanceof Decision.Blocked blocked) {
        receipt(
            policy,
            share.getCopyId(),
            share.getClipId(),
            share.getHouseholdId(),
            CopyReceiptKind.SHARE_BLOCKED,
            time,
            blocked.cause(),
            blocked.reason(),
            stage);
        add(policy, SHARES_BLOCKED_BY_POLICY, 1);
        if (blocked.cause() != CopyReceiptCause.PORTAL_CLOSED) {
          add(policy, SHARES_BLOCKED_BY_CAPS, 1);
          add(policy, SharingMeasure.blockedBy(blocked.cause()), 1);
        }
        continue;
      }
      ClipExposure clip = clips.get(clipKey);
      OriginalLifecycle original = originalAt(rules, share, clip, holdsOnClip, time);
      Transition shared = original.share(time);
      if (shared.shareRefused()) {
        // the original is already gone; the retention service writes the SHARE_REFUSED receipt
        add(policy, SHARES_REFUSED_EXPIRED, 1);
        continue;
      }
      if (clip == null) {
        clip = ClipExposures.of(share, shared.after().retentionEndsAt());
        schedule.add(original.dueAt(), Kind.ORIGINAL_DUE, clipKey);
      }
      boolean disclosed = rules.disclosesAddress(share, time);
      CopyLedgerEntry copy =
          CopyLedgerEntry.newBuilder()
              .setPolicy(policy)
              .setCopyId(share.getCopyId())
              .setParentCopyId(null)
              .setClipId(share.getClipId())
              .setCameraId(share.getCameraId())
              .setHouseholdId(share.getHouseholdId())
              .setClipRecordedAt(share.getClipRecordedAt())
              .setHolderId(share.getRecipientId())
              .setHolderType(share.getHolderType())
              .setKind(CopyKind.SHARE)
              .setChannel(share.getChannel())
              .setRequestId(share.getRequest() == null ? null : share.getRequest().getRequestId())
              .setAddressDisclosed(disclosed)
              .setMadeAt(time)
              .setExpiresAt(
                  expiresAt(rules, share.getHolderType(), share.getClipRecordedAt(), time, clip))
              .setStatus(CopyStatus.ALIVE)
              .setUpdatedAt(time)
              .setStage(stage)
              .build();
      add(
          policy,
          share.getChannel() == ShareChannel.POLICE_REQUEST ? SHARES_VIA_REQUEST : SHARES_VIA_POST,
          1);
      create(copy, clipKey, clip);
    }
  }

  /**
   * The original under one policy as it stands at {@code time}, as the retention service has it:
   * exempt for good if an earlier share exempted it (the clip's exposure records that), else as the
   * legal holds on the clip leave it.
   */
  private static OriginalLifecycle originalAt(
      PolicyRules rules, ClipShared share, ClipExposure clip, List<Fact> holdsOnClip, long time) {
    if (clip != null && ClipExposures.retentionEndsAt(clip).isEmpty()) {
      return OriginalLifecycle.exempted(rules, share.getRegion(), share.getClipRecordedAt());
    }
    return OriginalLifecycle.replay(
            rules, share.getRegion(), share.getClipRecordedAt(), holdsOnClip, time)
        .after();
  }

  /** Every legal hold placed on or released from the clip, in the order they happened. */
  private List<Fact> holdsOn(String clipId) {
    ClipHolds log = holds.get(clipId);
    if (log == null) {
      return List.of();
    }
    List<Fact> facts = new ArrayList<>(log.getChanges().size());
    for (HoldChange change : log.getChanges()) {
      facts.add(
          change.getPlaced()
              ? new Fact.HoldPlaced(change.getHoldId(), change.getAt())
              : new Fact.HoldReleased(change.getHoldId(), change.getAt()));
    }
    return facts;
  }

  private void copy(CopyMade made, long time) {
    registry.put(made.getCopyId(), made.getClipId());
    for (PolicyRules rules : policies.values()) {
      String policy = rules.policyName();
      CopyLedgerEntry parent =
          copies.get(new CopyKey(policy, made.getClipId(), made.getParentCopyId()).encoded());
      String stage = rules.forClip(made.getClipRecordedAt(), time).label();
      Decision.Blocked refusal = null;
      if (parent == null) {
        refusal =
            new Decision.Blocked(
                CopyReceiptCause.NO_LIVE_PARENT,
                "parent copy "
                    + made.getParentCopyId()
                    + " does not exist under this policy: it was blocked, refused or has expired");
      } else if (rules.admitCopy(
              made.getKind(), made.getHolderType(), made.getClipRecordedAt(), time)
          instanceof Decision.Blocked blocked) {
        refusal = blocked;
        add(policy, SHARES_BLOCKED_BY_POLICY, 1);
      }
      if (refusal != null) {
        receipt(
            policy,
            made.getCopyId(),
            made.getClipId(),
            made.getHouseholdId(),
            CopyReceiptKind.FORWARD_BLOCKED,
            time,
            refusal.cause(),
            refusal.reason(),
            stage);
        add(policy, FORWARDS_BLOCKED, 1);
        add(policy, SharingMeasure.blockedBy(refusal.cause()), 1);
        continue;
      }
      String clipKey = new PolicyClipKey(policy, made.getClipId()).encoded();
      ClipExposure clip = clips.get(clipKey);
      CopyLedgerEntry copy =
          CopyLedgerEntry.newBuilder(parent)
              .setCopyId(made.getCopyId())
              .setParentCopyId(parent.getCopyId())
              .setHolderId(made.getHolderId())
              .setHolderType(made.getHolderType())
              .setKind(made.getKind())
              .setMadeAt(time)
              .setExpiresAt(
                  expiresAt(rules, made.getHolderType(), made.getClipRecordedAt(), time, clip))
              .setStatus(CopyStatus.ALIVE)
              .setUpdatedAt(time)
              .setStage(stage)
              .build();
      create(copy, clipKey, clip);
    }
  }

  /**
   * When a new copy expires, or null for never (an exempt original never expires, nor do copies
   * inheriting it).
   */
  private static Long expiresAt(
      PolicyRules rules, HolderType holder, long clipRecordedAt, long madeAt, ClipExposure clip) {
    return rules.copyExpiresAt(holder, clipRecordedAt, madeAt, ClipExposures.retentionEndsAt(clip));
  }

  private void create(CopyLedgerEntry copy, String clipKey, ClipExposure clip) {
    String policy = copy.getPolicy();
    String copyKey = new CopyKey(policy, copy.getClipId(), copy.getCopyId()).encoded();
    copies.put(copyKey, copy);
    holderCopies.put(
        new HolderCopyKey(policy, copy.getHolderId(), copy.getCopyId()).encoded(),
        copy.getClipId());
    if (copy.getExpiresAt() != null) {
      schedule.add(copy.getExpiresAt(), Kind.COPY_EXPIRES, copyKey);
    }
    clip.setLiveCopies(clip.getLiveCopies() + 1);
    clips.put(clipKey, clip);

    HolderType holder = copy.getHolderType();
    add(policy, COPIES_CREATED, 1);
    add(policy, byHolder(COPIES_CREATED, holder), 1);
    add(policy, COPIES_ALIVE, 1);
    add(policy, byHolder(COPIES_ALIVE, holder), 1);
    ledger(copy);
    householdChange(
        copy.getMadeAt(),
        householdChange(copy).setLiveCopies(+1).setAddressDisclosed(disclosesAddress(copy)));
  }

  /**
   * Whether making this copy told its holder the owner's address: a share (the only copy without a
   * parent) does if its entry says so; an onward copy passes on footage whose address, if it went
   * with it, the share already disclosed.
   */
  private static boolean disclosesAddress(CopyLedgerEntry copy) {
    return copy.getParentCopyId() == null && copy.getAddressDisclosed();
  }

  private void expireCopy(String copyKey, long time) {
    CopyLedgerEntry copy = copies.get(copyKey);
    if (copy == null) {
      return;
    }
    String policy = copy.getPolicy();
    days = deltas.ofId(copy.getHouseholdId());
    copies.delete(copyKey);
    holderCopies.delete(new HolderCopyKey(policy, copy.getHolderId(), copy.getCopyId()).encoded());
    CopyLedgerEntry expired =
        CopyLedgerEntry.newBuilder(copy).setStatus(CopyStatus.EXPIRED).setUpdatedAt(time).build();
    ledger(expired);
    // kept for the custody history, as the ledger's compacted topic keeps it
    endedCopies.put(copyKey, expired);
    holderEndedCopies.put(
        new HolderCopyKey(policy, copy.getHolderId(), copy.getCopyId()).encoded(),
        copy.getClipId());
    PolicyRules rules = policies.get(policy);
    receipt(
        policy,
        copy.getCopyId(),
        copy.getClipId(),
        copy.getHouseholdId(),
        CopyReceiptKind.COPY_EXPIRED,
        time,
        expiryCause(rules, copy),
        expiryReason(rules, copy),
        copy.getStage());

    HolderType holder = copy.getHolderType();
    add(policy, COPIES_EXPIRED, 1);
    add(policy, COPIES_ALIVE, -1);
    add(policy, byHolder(COPIES_ALIVE, holder), -1);
    householdChange(time, householdChange(copy).setLiveCopies(-1).setAddressDisclosed(false));

    String clipKey = new PolicyClipKey(policy, copy.getClipId()).encoded();
    ClipExposure clip = clips.get(clipKey);
    clip.setLiveCopies(clip.getLiveCopies() - 1);
    OptionalLong originalEnds = ClipExposures.retentionEndsAt(clip);
    if (clip.getLiveCopies() > 0 || originalEnds.isEmpty()) {
      clips.put(clipKey, clip);
      return;
    }
    // Nothing of the clip is left once the original is due, so forget it.
    if (clip.getCountedPastRetention()) {
      add(policy, FOOTAGE_ALIVE_PAST_RETENTION, -1);
    } else {
      schedule.remove(originalEnds.getAsLong(), Kind.ORIGINAL_DUE, clipKey);
    }
    clips.delete(clipKey);
  }

  /** The copy rules that set the copy's lifetime when it was made. */
  private static Copies copiesOf(PolicyRules rules, CopyLedgerEntry copy) {
    return rules.copiesFor(copy.getClipRecordedAt(), copy.getMadeAt());
  }

  private static CopyReceiptCause expiryCause(PolicyRules rules, CopyLedgerEntry copy) {
    return copiesOf(rules, copy).inheritOriginalExpiry()
        ? CopyReceiptCause.EXPIRED_WITH_ORIGINAL
        : CopyReceiptCause.HOLDER_LIFETIME_ENDED;
  }

  private static String expiryReason(PolicyRules rules, CopyLedgerEntry copy) {
    if (copiesOf(rules, copy).inheritOriginalExpiry()) {
      return "the copy expired with the original clip";
    }
    return "copies held by "
        + copy.getHolderType()
        + " live "
        + copiesOf(rules, copy).lifetimeDays().get(copy.getHolderType())
        + " days";
  }

  /**
   * The original reaches its retention period: the clip now outlives it if anything of it is left.
   */
  private void originalDue(String clipKey) {
    ClipExposure clip = clips.get(clipKey);
    if (clip == null) {
      return;
    }
    clip.setCountedPastRetention(true);
    clips.put(clipKey, clip);
    PolicyClipKey key = PolicyClipKey.decode(clipKey);
    days = deltas.ofId(key.clipId());
    add(key.policy(), FOOTAGE_ALIVE_PAST_RETENTION, 1);
  }

  private void ledger(CopyLedgerEntry copy) {
    context.forward(
        new Record<>(copy.getPolicy() + "/" + copy.getCopyId(), copy, copy.getUpdatedAt()));
  }

  private void receipt(
      String policy,
      String copyId,
      String clipId,
      String householdId,
      CopyReceiptKind kind,
      long time,
      CopyReceiptCause cause,
      String reason,
      String stage) {
    CopyReceipt receipt =
        new CopyReceipt(policy, copyId, clipId, householdId, kind, time, reason, cause, stage);
    receipts.put(new CopyKey(policy, clipId, copyId).encoded(), receipt);
    context.forward(new Record<>(policy + "/" + copyId, receipt, time));
  }

  /** A change to the copies of the household's footage held by the copy's holder type. */
  private static HouseholdCopyChange.Builder householdChange(CopyLedgerEntry copy) {
    return HouseholdCopyChange.newBuilder()
        .setPolicy(copy.getPolicy())
        .setHouseholdId(copy.getHouseholdId())
        // a string on the repartition topic: turning it into the enum would not be a compatible
        // schema change
        .setHolderType(copy.getHolderType().name());
  }

  private void householdChange(long time, HouseholdCopyChange.Builder change) {
    HouseholdCopyChange household = change.build();
    signal(
        time,
        household,
        new HouseholdKey(household.getPolicy(), household.getHouseholdId()).encoded());
  }

  private void signal(long time, Object signal, String key) {
    context.forward(new Record<>(key, new HouseholdSignal(time, partition, signal), time));
  }

  private void forwardDeltas(List<StatsDelta> closed) {
    for (StatsDelta delta : closed) {
      context.forward(new Record<>(delta.getPolicy(), delta, delta.getDayEnd()));
    }
  }

  private void addToAll(SharingMeasure name) {
    for (String policy : policies.keySet()) {
      add(policy, name, 1);
    }
  }

  private void add(String policy, SharingMeasure name, long amount) {
    days.add(policy, measure.of(name), amount);
  }

  private void add(String policy, MeasureKey name, long amount) {
    days.add(policy, measure.of(name), amount);
  }
}
