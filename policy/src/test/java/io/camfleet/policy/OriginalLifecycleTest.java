package io.camfleet.policy;

import static io.camfleet.policy.OriginalLifecycle.Change.DELETED_AT_DUE;
import static io.camfleet.policy.OriginalLifecycle.Change.DELETED_ON_ARRIVAL;
import static io.camfleet.policy.OriginalLifecycle.Change.DELETED_ON_RELEASE;
import static io.camfleet.policy.OriginalLifecycle.Change.EXEMPTED;
import static io.camfleet.policy.OriginalLifecycle.Change.HOLD_PLACED;
import static io.camfleet.policy.OriginalLifecycle.Change.HOLD_RELEASED;
import static io.camfleet.policy.OriginalLifecycle.Change.KEPT_BY_HOLD;
import static io.camfleet.policy.OriginalLifecycle.Change.SHARED;
import static io.camfleet.policy.OriginalLifecycle.Change.SHARE_REFUSED;
import static io.camfleet.policy.OriginalLifecycle.Stage.DELETED;
import static io.camfleet.policy.OriginalLifecycle.Stage.EXEMPT;
import static io.camfleet.policy.OriginalLifecycle.Stage.HELD_PAST_DUE;
import static io.camfleet.policy.OriginalLifecycle.Stage.RETAINED;
import static io.camfleet.policy.Retention.SharedOriginals.EXPIRE_ON_TIME;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.policy.OriginalLifecycle.Change;
import io.camfleet.policy.OriginalLifecycle.Fact;
import io.camfleet.policy.OriginalLifecycle.Fact.HoldPlaced;
import io.camfleet.policy.OriginalLifecycle.Fact.HoldReleased;
import io.camfleet.policy.OriginalLifecycle.Fact.Shared;
import io.camfleet.policy.OriginalLifecycle.Stage;
import io.camfleet.policy.OriginalLifecycle.Step;
import io.camfleet.policy.OriginalLifecycle.Transition;
import io.camfleet.policy.Retention.SharedOriginals;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OriginalLifecycleTest {
  private static final long DAY = 86_400_000L;

  /** 2019-06-01T10:00:00Z. */
  private static final long RECORDED = 1_559_383_200_000L;

  private static final long SIXTY_DAYS_LATER = RECORDED + 60 * DAY;

  private static final SharedOriginals EXEMPTS = SharedOriginals.EXEMPT;

  /** 60 days, 30 in the EU; a share exempts the original. */
  private static final PolicyRules STATUS_QUO = rules(SharedOriginals.EXEMPT);

  /** 60 days, 30 in the EU; shared or not, the original goes on time. */
  private static final PolicyRules EXPIRE_SHARED_ON_TIME = rules(EXPIRE_ON_TIME);

  private static PolicyRules rules(SharedOriginals sharedOriginals) {
    return new Policy(
            "p", null, new Retention(60, Map.of("EU", 30), sharedOriginals), null, null, null, null)
        .rules();
  }

  private static long day(int n) {
    return RECORDED + n * DAY;
  }

  private static Transition replay(PolicyRules rules, List<Fact> facts, long until) {
    return OriginalLifecycle.replay(rules, "US", RECORDED, facts, until);
  }

  /**
   * The steps as "CHANGE @day n", days counted from the recording (milliseconds when not whole
   * days).
   */
  private static List<String> changes(Transition transition) {
    return transition.steps().stream()
        .map(s -> s.change() + " @" + sinceRecording(s.at()))
        .toList();
  }

  private static String sinceRecording(long at) {
    long elapsed = at - RECORDED;
    return elapsed % DAY == 0 ? "day " + elapsed / DAY : elapsed + " ms";
  }

  private static OriginalLifecycle original(
      SharedOriginals sharedOriginals, Stage stage, boolean shared, String... holds) {
    return new OriginalLifecycle(SIXTY_DAYS_LATER, sharedOriginals, stage, shared, List.of(holds));
  }

  @Test
  void deletesTheOriginalSixtyDaysAfterRecordingAndNotAMillisecondBefore() {
    Transition justBefore = replay(STATUS_QUO, List.of(), SIXTY_DAYS_LATER - 1);
    assertEquals(List.of(), changes(justBefore));
    assertEquals(original(EXEMPTS, RETAINED, false), justBefore.after());
    assertEquals(OptionalLong.of(SIXTY_DAYS_LATER), justBefore.after().expiresAt());

    Transition then = replay(STATUS_QUO, List.of(), SIXTY_DAYS_LATER);
    assertEquals(List.of("DELETED_AT_DUE @day 60"), changes(then));
    assertEquals(original(EXEMPTS, DELETED, false), then.after());
    assertEquals(OptionalLong.of(SIXTY_DAYS_LATER), then.deletedAt());
    assertEquals(OptionalLong.empty(), then.after().expiresAt());
  }

  @Test
  void deletesAnOriginalOfAnEuAccountAfterThirtyDays() {
    Transition history = OriginalLifecycle.replay(STATUS_QUO, "EU", RECORDED, List.of(), day(100));
    assertEquals(List.of("DELETED_AT_DUE @day 30"), changes(history));
    assertEquals(day(30), history.after().dueAt());
  }

  @Test
  void exemptsAnOriginalSharedBeforeItsDueTimeForGoodUnderAPolicyThatExemptsSharedOriginals() {
    Transition history =
        replay(STATUS_QUO, List.of(new Shared(day(3)), new Shared(day(5))), day(200));
    assertEquals(List.of("EXEMPTED @day 3", "SHARED @day 5"), changes(history));
    assertEquals(original(EXEMPTS, EXEMPT, true), history.after());
    assertEquals(OptionalLong.of(day(3)), history.exemptedAt());
    assertEquals(OptionalLong.empty(), history.deletedAt());
    assertEquals(OptionalLong.empty(), history.after().expiresAt());
    assertEquals(OptionalLong.empty(), history.after().retentionEndsAt());
  }

  @Test
  void deletesASharedOriginalOnTimeUnderAPolicyThatDoesNotExemptIt() {
    Transition history = replay(EXPIRE_SHARED_ON_TIME, List.of(new Shared(day(1))), day(60));
    assertEquals(List.of("SHARED @day 1", "DELETED_AT_DUE @day 60"), changes(history));
    assertEquals(original(EXPIRE_ON_TIME, DELETED, true), history.after());
    assertEquals(OptionalLong.of(SIXTY_DAYS_LATER), history.after().retentionEndsAt());
  }

  @Test
  void refusesAShareAtTheDueInstantBecauseTheDueTimeComesFirst() {
    Transition history =
        replay(STATUS_QUO, List.of(new Shared(SIXTY_DAYS_LATER)), SIXTY_DAYS_LATER);
    assertEquals(List.of("DELETED_AT_DUE @day 60", "SHARE_REFUSED @day 60"), changes(history));
    assertEquals(original(EXEMPTS, DELETED, false), history.after());
    assertEquals(true, history.shareRefused());
  }

  @Test
  void keepsAnOriginalHeldBeforeItsDueTimeUntilTheHoldIsReleased() {
    Transition history =
        replay(
            STATUS_QUO,
            List.of(new HoldPlaced("hold-1", day(10)), new HoldReleased("hold-1", day(100))),
            day(120));
    assertEquals(
        List.of(
            "HOLD_PLACED @day 10",
            "KEPT_BY_HOLD @day 60",
            "HOLD_RELEASED @day 100",
            "DELETED_ON_RELEASE @day 100"),
        changes(history));
    assertEquals(OptionalLong.of(day(100)), history.deletedAt());
    assertEquals(original(EXEMPTS, DELETED, false), history.after());
  }

  @Test
  void saysWhatIsTrueAtEachInstantOfAHeldOriginal() {
    List<Fact> facts =
        List.of(new HoldPlaced("hold-1", day(10)), new HoldReleased("hold-1", day(100)));
    List<Fact> placed = facts.subList(0, 1);
    assertEquals(original(EXEMPTS, RETAINED, false), replay(STATUS_QUO, List.of(), day(9)).after());
    assertEquals(
        original(EXEMPTS, RETAINED, false, "hold-1"), replay(STATUS_QUO, placed, day(59)).after());
    assertEquals(
        original(EXEMPTS, HELD_PAST_DUE, false, "hold-1"),
        replay(STATUS_QUO, placed, day(60)).after());
    assertEquals(OptionalLong.empty(), replay(STATUS_QUO, placed, day(99)).after().expiresAt());
    assertEquals(original(EXEMPTS, DELETED, false), replay(STATUS_QUO, facts, day(100)).after());
  }

  @Test
  void theReleaseOfTheLastHoldPastTheDueTimeLeavesTheOriginalAsDueThenDeletesIt() {
    OriginalLifecycle held = original(EXEMPTS, HELD_PAST_DUE, false, "hold-1");
    OriginalLifecycle released = original(EXEMPTS, HELD_PAST_DUE, false);
    OriginalLifecycle gone = original(EXEMPTS, DELETED, false);

    Transition release = held.releaseHold("hold-1", day(100));

    assertEquals(
        new Transition(
            gone,
            List.of(
                new Step(HOLD_RELEASED, day(100), released),
                new Step(DELETED_ON_RELEASE, day(100), gone))),
        release);
    // the receipt of the release still names the due time, which has passed
    assertEquals(OptionalLong.of(SIXTY_DAYS_LATER), release.steps().get(0).after().expiresAt());
  }

  @Test
  void keepsNothingWithAHoldPlacedAfterTheDueTime() {
    Transition history = replay(STATUS_QUO, List.of(new HoldPlaced("hold-1", day(61))), day(70));
    assertEquals(List.of("DELETED_AT_DUE @day 60"), changes(history));
    assertEquals(original(EXEMPTS, DELETED, false), history.after());
  }

  @Test
  void changesNothingWithAHoldReleasedBeforeTheDueTime() {
    Transition history =
        replay(
            STATUS_QUO,
            List.of(new HoldPlaced("hold-1", day(1)), new HoldReleased("hold-1", day(2))),
            day(60));
    assertEquals(
        List.of("HOLD_PLACED @day 1", "HOLD_RELEASED @day 2", "DELETED_AT_DUE @day 60"),
        changes(history));
  }

  @Test
  void keepsAnOriginalUnderTwoHoldsUntilTheLastIsReleased() {
    Transition history =
        replay(
            STATUS_QUO,
            List.of(
                new HoldPlaced("hold-1", day(10)),
                new HoldPlaced("hold-2", day(20)),
                new HoldPlaced("hold-1", day(30)),
                new HoldReleased("hold-1", day(70)),
                new HoldReleased("hold-9", day(75)),
                new HoldReleased("hold-2", day(80))),
            day(90));
    assertEquals(
        List.of(
            "HOLD_PLACED @day 10",
            "HOLD_PLACED @day 20",
            "KEPT_BY_HOLD @day 60",
            "HOLD_RELEASED @day 70",
            "HOLD_RELEASED @day 80",
            "DELETED_ON_RELEASE @day 80"),
        changes(history));
  }

  @Test
  void exemptsAnOriginalSharedWhileHeldPastItsDueTimeSoTheReleaseDeletesNothing() {
    Transition history =
        replay(
            STATUS_QUO,
            List.of(
                new HoldPlaced("hold-1", day(10)),
                new Shared(day(70)),
                new HoldReleased("hold-1", day(80))),
            day(90));
    assertEquals(
        List.of(
            "HOLD_PLACED @day 10",
            "KEPT_BY_HOLD @day 60",
            "EXEMPTED @day 70",
            "HOLD_RELEASED @day 80"),
        changes(history));
    assertEquals(original(EXEMPTS, EXEMPT, true), history.after());
  }

  @Test
  void keepsAHeldOriginalSharedPastItsDueTimeUnderExpireOnTimeUntilTheRelease() {
    Transition history =
        replay(
            EXPIRE_SHARED_ON_TIME,
            List.of(
                new HoldPlaced("hold-1", day(10)),
                new Shared(day(70)),
                new HoldReleased("hold-1", day(80)),
                new Shared(day(90))),
            day(90));
    assertEquals(
        List.of(
            "HOLD_PLACED @day 10",
            "KEPT_BY_HOLD @day 60",
            "SHARED @day 70",
            "HOLD_RELEASED @day 80",
            "DELETED_ON_RELEASE @day 80",
            "SHARE_REFUSED @day 90"),
        changes(history));
  }

  @Test
  void deletesAClipThatArrivesAfterItsDueTimeAsItArrives() {
    OriginalLifecycle recorded = OriginalLifecycle.recorded(STATUS_QUO, "US", RECORDED);
    assertEquals(List.of(), changes(recorded.arrive(day(59))));
    assertEquals(List.of("DELETED_ON_ARRIVAL @day 61"), changes(recorded.arrive(day(61))));
    assertEquals(List.of("DELETED_ON_ARRIVAL @day 60"), changes(recorded.arrive(SIXTY_DAYS_LATER)));
  }

  @Test
  void restoresAStoredOriginalPastItsDueTimeAsHeldAndOneBeforeItAsRetained() {
    OriginalLifecycle atDue =
        OriginalLifecycle.restore(
            STATUS_QUO,
            RECORDED,
            SIXTY_DAYS_LATER,
            false,
            false,
            List.of("hold-1"),
            SIXTY_DAYS_LATER);
    assertEquals(original(EXEMPTS, HELD_PAST_DUE, false, "hold-1"), atDue);
    assertEquals(List.of(), changes(atDue.due()));

    OriginalLifecycle before =
        OriginalLifecycle.restore(
            STATUS_QUO,
            RECORDED,
            SIXTY_DAYS_LATER,
            false,
            false,
            List.of("hold-1"),
            SIXTY_DAYS_LATER - 1);
    assertEquals(List.of("KEPT_BY_HOLD @day 60"), changes(before.due()));

    OriginalLifecycle exempt =
        OriginalLifecycle.restore(
            STATUS_QUO, RECORDED, SIXTY_DAYS_LATER, true, true, List.of(), day(100));
    assertEquals(original(EXEMPTS, EXEMPT, true), exempt);
    assertEquals(List.of(), changes(exempt.due()));
  }

  @Test
  void keepsAnExemptedOriginalThroughItsDueTimeAndTheReleaseOfItsHolds() {
    OriginalLifecycle exempt = OriginalLifecycle.exempted(STATUS_QUO, "US", RECORDED);
    assertEquals(original(EXEMPTS, EXEMPT, true), exempt);
    assertEquals(List.of("SHARED @day 70"), changes(exempt.share(day(70))));
    assertEquals(List.of(), changes(exempt.due()));
    Transition placed = exempt.placeHold("hold-1", day(70));
    assertEquals(List.of("HOLD_PLACED @day 70"), changes(placed));
    assertEquals(
        List.of("HOLD_RELEASED @day 80"), changes(placed.after().releaseHold("hold-1", day(80))));
    assertEquals(OptionalLong.empty(), exempt.expiresAt());
  }

  @Test
  void refusesSharesOfADeletedOriginalAndIgnoresItsHolds() {
    OriginalLifecycle gone = OriginalLifecycle.deleted(STATUS_QUO, "US", RECORDED);
    assertEquals(
        new Transition(gone, List.of(new Step(SHARE_REFUSED, day(70), gone))), gone.share(day(70)));
    assertEquals(new Transition(gone, List.of()), gone.placeHold("hold-1", day(70)));
    assertEquals(new Transition(gone, List.of()), gone.releaseHold("hold-1", day(70)));
    assertEquals(new Transition(gone, List.of()), gone.due());
  }

  @Test
  void deletesOnlyOnArrivalAtTheDueTimeOrOnTheLastRelease() {
    assertEquals(
        List.of(DELETED_ON_ARRIVAL, DELETED_AT_DUE, DELETED_ON_RELEASE),
        List.of(Change.values()).stream().filter(Change::deletes).toList());
    assertEquals(
        List.of(KEPT_BY_HOLD, EXEMPTED, SHARED, SHARE_REFUSED, HOLD_PLACED, HOLD_RELEASED),
        List.of(Change.values()).stream().filter(c -> !c.deletes()).toList());
  }
}
