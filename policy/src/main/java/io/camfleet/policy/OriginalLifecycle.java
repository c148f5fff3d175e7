package io.camfleet.policy;

import io.camfleet.policy.Retention.SharedOriginals;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An original clip in its owner's account under one policy: when its retention period ends, what
 * shares and legal holds do to that, and when it is deleted. Both services decide with this one
 * type, the retention service one event at a time from the state it stores, the sharing service by
 * replaying what it knows of the clip, so they cannot disagree about whether the original is still
 * there.
 *
 * <p>The rules. The retention period ends at the due time: the recording time plus the period of
 * the account's region, as the policy's stages set it ({@link PolicyRules#dueAt}); what a share
 * does is set by the stage in force at the recording ({@link PolicyRules#sharedOriginals}). The
 * original is then deleted, unless a share has exempted it (under a policy that exempts shared
 * originals; the exemption is for good) or a legal hold is on it, which keeps it until the last
 * hold is released. A deleted original stays deleted: a later share is refused and a later hold
 * keeps nothing. At one instant the due time comes before anything else that happens then. A clip
 * that arrives after its own due time is deleted as it arrives.
 *
 * <p>A value: each event returns a {@link Transition}, the original after it and the {@link Step}s
 * it took, each of which the retention service writes as one receipt.
 *
 * @param dueAt when the retention period ends
 * @param sharedOriginals what the policy does with a shared original
 * @param stage where the original stands
 * @param shared whether it has been shared (a share refused because it was gone does not count)
 * @param holds the legal holds on it, in the order they were placed
 */
public record OriginalLifecycle(
    long dueAt, SharedOriginals sharedOriginals, Stage stage, boolean shared, List<String> holds) {

  /** Where the original stands. */
  public enum Stage {
    /** In the account, its retention period running (held or not). */
    RETAINED,
    /** In the account past its due time: held, it stays until the last hold is released. */
    HELD_PAST_DUE,
    /** In the account for good: a share exempted it. */
    EXEMPT,
    /** Deleted from the account. */
    DELETED
  }

  /** What one event did to the original. */
  public enum Change {
    /** Recorded after its own due time: deleted as it arrived. */
    DELETED_ON_ARRIVAL,
    /** The retention period ended with no hold on it: deleted at the due time. */
    DELETED_AT_DUE,
    /** The retention period ended while held: kept. */
    KEPT_BY_HOLD,
    /** Shared under a policy that exempts shared originals: it will not be deleted. */
    EXEMPTED,
    /** Shared; whether and when it is deleted stays as it was. */
    SHARED,
    /** A share of an original already deleted. */
    SHARE_REFUSED,
    /** A legal hold placed on it. */
    HOLD_PLACED,
    /** A legal hold on it released. */
    HOLD_RELEASED,
    /** The last hold released after the due time: deleted then. */
    DELETED_ON_RELEASE;

    /** Whether the original leaves the account with this change. */
    public boolean deletes() {
      return this == DELETED_ON_ARRIVAL || this == DELETED_AT_DUE || this == DELETED_ON_RELEASE;
    }
  }

  /** One change, when it happened, and the original just after it. */
  public record Step(Change change, long at, OriginalLifecycle after) {}

  /**
   * What an event did: the original after it and the changes it made, in order; none if it changed
   * nothing.
   */
  public record Transition(OriginalLifecycle after, List<Step> steps) {
    public Transition {
      Objects.requireNonNull(after);
      steps = List.copyOf(steps);
    }

    /** When the original was deleted in these steps, if it was. */
    public OptionalLong deletedAt() {
      return steps.stream().filter(s -> s.change().deletes()).mapToLong(Step::at).findFirst();
    }

    /** When a share exempted the original in these steps, if one did. */
    public OptionalLong exemptedAt() {
      return steps.stream()
          .filter(s -> s.change() == Change.EXEMPTED)
          .mapToLong(Step::at)
          .findFirst();
    }

    /** Whether the event was a share of an original already deleted. */
    public boolean shareRefused() {
      return steps.stream().anyMatch(s -> s.change() == Change.SHARE_REFUSED);
    }

    /** Adds these steps to {@code history}; returns the original after them. */
    private OriginalLifecycle into(List<Step> history) {
      history.addAll(steps);
      return after;
    }
  }

  /** Something that happened to the clip, for {@link #replay}. */
  public sealed interface Fact {
    long at();

    /** The owner shared the clip, and the policy allowed the share. */
    record Shared(long at) implements Fact {}

    /** A legal hold was placed on the clip. */
    record HoldPlaced(String holdId, long at) implements Fact {}

    /** A legal hold on the clip was released. */
    record HoldReleased(String holdId, long at) implements Fact {}
  }

  public OriginalLifecycle {
    Objects.requireNonNull(sharedOriginals);
    Objects.requireNonNull(stage);
    holds = List.copyOf(holds);
  }

  /**
   * A clip just recorded in {@code region} at {@code recordedAt}: in the account until its due
   * time.
   */
  public static OriginalLifecycle recorded(PolicyRules rules, String region, long recordedAt) {
    return new OriginalLifecycle(
        rules.dueAt(region, recordedAt),
        rules.sharedOriginals(recordedAt),
        Stage.RETAINED,
        false,
        List.of());
  }

  /**
   * The original as a service stored it, as it stands at {@code asOf} with every event before
   * {@code asOf} applied, and the due time too if it is not after {@code asOf}: not exempt and past
   * its due time, it can only still be there held.
   */
  public static OriginalLifecycle restore(
      PolicyRules rules,
      long recordedAt,
      long dueAt,
      boolean exempt,
      boolean shared,
      List<String> holds,
      long asOf) {
    Stage stage = Stage.RETAINED;
    if (exempt) {
      stage = Stage.EXEMPT;
    } else if (dueAt <= asOf && !holds.isEmpty()) {
      stage = Stage.HELD_PAST_DUE;
    }
    return new OriginalLifecycle(dueAt, rules.sharedOriginals(recordedAt), stage, shared, holds);
  }

  /** An original a share has exempted, recorded in {@code region} at {@code recordedAt}. */
  public static OriginalLifecycle exempted(PolicyRules rules, String region, long recordedAt) {
    return new OriginalLifecycle(
        rules.dueAt(region, recordedAt),
        rules.sharedOriginals(recordedAt),
        Stage.EXEMPT,
        true,
        List.of());
  }

  /**
   * An original known to have been deleted already, recorded in {@code region} at {@code
   * recordedAt}.
   */
  public static OriginalLifecycle deleted(PolicyRules rules, String region, long recordedAt) {
    return new OriginalLifecycle(
        rules.dueAt(region, recordedAt),
        rules.sharedOriginals(recordedAt),
        Stage.DELETED,
        false,
        List.of());
  }

  /**
   * The clip's life from its recording through {@code facts}, up to {@code until}: the original
   * there ({@link Transition#after}) and every change on the way. Facts are taken in the order
   * given, the order they happened in; the due time, if it is not after {@code until}, applies
   * before the first fact at or after it, or after the last fact.
   */
  public static Transition replay(
      PolicyRules rules, String region, long recordedAt, List<? extends Fact> facts, long until) {
    OriginalLifecycle original = recorded(rules, region, recordedAt);
    List<Step> steps = new ArrayList<>();
    boolean duePending = original.dueAt() <= until;
    for (Fact fact : facts) {
      if (duePending && fact.at() >= original.dueAt()) {
        original = original.due().into(steps);
        duePending = false;
      }
      original = original.apply(fact).into(steps);
    }
    if (duePending) {
      original = original.due().into(steps);
    }
    return new Transition(original, steps);
  }

  private Transition apply(Fact fact) {
    if (fact instanceof Fact.Shared shared) {
      return share(shared.at());
    }
    if (fact instanceof Fact.HoldPlaced placed) {
      return placeHold(placed.holdId(), placed.at());
    }
    Fact.HoldReleased released = (Fact.HoldReleased) fact;
    return releaseHold(released.holdId(), released.at());
  }

  /** Whether the original is still in its owner's account. */
  public boolean inAccount() {
    return stage != Stage.DELETED;
  }

  /** Whether a share has exempted the original from deletion. */
  public boolean exempt() {
    return stage == Stage.EXEMPT;
  }

  /**
   * When the original is to be deleted as things stand: its due time, unless a share exempted it or
   * a hold keeps it; nothing once it is deleted.
   */
  public OptionalLong expiresAt() {
    return inAccount() && !exempt() && holds.isEmpty()
        ? OptionalLong.of(dueAt)
        : OptionalLong.empty();
  }

  /** When its retention period ends: the due time, or never once a share exempted it. */
  public OptionalLong retentionEndsAt() {
    return exempt() ? OptionalLong.empty() : OptionalLong.of(dueAt);
  }

  /** The clip arrives at {@code at}: if its due time has passed, it is deleted as it arrives. */
  public Transition arrive(long at) {
    if (stage != Stage.RETAINED || dueAt > at) {
      return unchanged();
    }
    return to(Change.DELETED_ON_ARRIVAL, at, withStage(Stage.DELETED));
  }

  /**
   * The due time arrives: deleted, or kept under its holds; an exempt or deleted original is
   * unchanged.
   */
  public Transition due() {
    if (stage != Stage.RETAINED) {
      return unchanged();
    }
    return holds.isEmpty()
        ? to(Change.DELETED_AT_DUE, dueAt, withStage(Stage.DELETED))
        : to(Change.KEPT_BY_HOLD, dueAt, withStage(Stage.HELD_PAST_DUE));
  }

  /** The owner shares the clip, and the policy allows the share. */
  public Transition share(long at) {
    if (!inAccount()) {
      return to(Change.SHARE_REFUSED, at, this);
    }
    if (sharedOriginals == SharedOriginals.EXEMPT && !exempt()) {
      return to(
          Change.EXEMPTED,
          at,
          new OriginalLifecycle(dueAt, sharedOriginals, Stage.EXEMPT, true, holds));
    }
    return to(Change.SHARED, at, new OriginalLifecycle(dueAt, sharedOriginals, stage, true, holds));
  }

  /**
   * A legal hold is placed on the clip; one already on it, or on a deleted original, changes
   * nothing.
   */
  public Transition placeHold(String holdId, long at) {
    if (!inAccount() || holds.contains(holdId)) {
      return unchanged();
    }
    List<String> more = new ArrayList<>(holds);
    more.add(holdId);
    return to(
        Change.HOLD_PLACED, at, new OriginalLifecycle(dueAt, sharedOriginals, stage, shared, more));
  }

  /** A legal hold is released; releasing the last one past the due time deletes the original. */
  public Transition releaseHold(String holdId, long at) {
    if (!inAccount() || !holds.contains(holdId)) {
      return unchanged();
    }
    List<String> fewer = new ArrayList<>(holds);
    fewer.remove(holdId);
    OriginalLifecycle released =
        new OriginalLifecycle(dueAt, sharedOriginals, stage, shared, fewer);
    Step step = new Step(Change.HOLD_RELEASED, at, released);
    if (!fewer.isEmpty() || stage != Stage.HELD_PAST_DUE) {
      return new Transition(released, List.of(step));
    }
    OriginalLifecycle gone = released.withStage(Stage.DELETED);
    return new Transition(gone, List.of(step, new Step(Change.DELETED_ON_RELEASE, at, gone)));
  }

  private OriginalLifecycle withStage(Stage next) {
    return new OriginalLifecycle(
        dueAt, sharedOriginals, next, shared, next == Stage.DELETED ? List.of() : holds);
  }

  private Transition unchanged() {
    return new Transition(this, List.of());
  }

  private static Transition to(Change change, long at, OriginalLifecycle after) {
    return new Transition(after, List.of(new Step(change, at, after)));
  }
}
