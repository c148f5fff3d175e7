package io.camfleet.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.HolderType;
import io.camfleet.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyStagesTest {
  private static final long DAY = 86_400_000L;
  private static final long JUNE_3 = Instant.parse("2021-06-03T00:00:00Z").toEpochMilli();
  private static final long JAN_1 = Instant.parse("2022-01-01T00:00:00Z").toEpochMilli();
  private static final Path EXAMPLE = Path.of("src/test/resources/staged-60-to-30.yaml");

  @TempDir Path tmp;

  private Path file(String yaml) throws Exception {
    Path f = tmp.resolve("p.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private static PolicyRules example(ExistingClips existingClips) {
    Policy p = Policy.read(EXAMPLE);
    return new Policy(
            p.name(),
            p.description(),
            existingClips,
            p.retention(),
            p.copies(),
            p.requests(),
            p.forwarding(),
            null,
            p.addressDisclosed(),
            p.stages())
        .rules();
  }

  @Test
  void readsTheStagesInOrderAndCarriesOverWhatAStageDoesNotName() {
    Policy policy = Policy.read(EXAMPLE);
    assertEquals(ExistingClips.FOLLOW_NEW_RULES, policy.existingClips());
    List<RulesInForce> stages = policy.inForce();
    assertEquals(
        List.of("base", "2021-06-03", "2022-01-01"),
        stages.stream().map(RulesInForce::label).toList());
    assertEquals(
        List.of(Long.MIN_VALUE, JUNE_3, JAN_1), stages.stream().map(RulesInForce::from).toList());
    assertEquals(Forwarding.ANY, stages.get(0).forwarding());
    assertEquals(Forwarding.NONE, stages.get(1).forwarding());
    assertEquals(Forwarding.NONE, stages.get(2).forwarding());
    assertEquals(30, stages.get(2).retention().daysFor("US"));
    assertEquals(15, stages.get(2).retention().daysFor("EU"));
    assertEquals(RequestCaps.UNCAPPED, stages.get(1).requests());
    assertEquals(12.0, stages.get(2).requests().maxWindowHours());
    PolicyRules rules = policy.rules();
    assertEquals("base", rules.inForceAt(JUNE_3 - 1).label());
    assertEquals("2021-06-03", rules.inForceAt(JUNE_3).label());
    assertEquals("2022-01-01", rules.inForceAt(JAN_1).label());
    assertEquals(
        List.of(15 * DAY, 30 * DAY, 60 * DAY), List.copyOf(rules.retentionPeriodsMillis()));
  }

  @Test
  void followNewRulesDueTimesFollowTheShorterPeriodFromTheStageOn() {
    PolicyRules rules = example(ExistingClips.FOLLOW_NEW_RULES);
    // due before the stage under the old 60 days
    assertEquals(JUNE_3 - 10 * DAY, rules.dueAt("US", JUNE_3 - 70 * DAY));
    // already past the new 30 days when the stage starts: due at the stage's start
    assertEquals(JUNE_3, rules.dueAt("US", JUNE_3 - 40 * DAY));
    assertEquals(JUNE_3, rules.dueAt("US", JUNE_3 - 30 * DAY));
    // recorded before the stage, due after it: 30 days after its recording
    assertEquals(JUNE_3 + 10 * DAY, rules.dueAt("US", JUNE_3 - 20 * DAY));
    assertEquals(JUNE_3 + 31 * DAY, rules.dueAt("US", JUNE_3 + DAY));
    // the EU: 30 days, then 15
    assertEquals(JUNE_3 - DAY, rules.dueAt("EU", JUNE_3 - 31 * DAY));
    assertEquals(JUNE_3, rules.dueAt("EU", JUNE_3 - 20 * DAY));
    assertEquals(JUNE_3 + 5 * DAY, rules.dueAt("EU", JUNE_3 - 10 * DAY));
    assertEquals("base", rules.dueStage("US", JUNE_3 - 70 * DAY).label());
    assertEquals("2021-06-03", rules.dueStage("US", JUNE_3 - 40 * DAY).label());
    assertEquals(
        List.of(
            DuePiece.period(Long.MIN_VALUE, JUNE_3 - 60 * DAY, 60 * DAY),
            DuePiece.fixed(JUNE_3 - 60 * DAY, JUNE_3 - 30 * DAY, JUNE_3),
            DuePiece.period(JUNE_3 - 30 * DAY, Long.MAX_VALUE, 30 * DAY)),
        rules.duePieces("US"));
  }

  @Test
  void keepOldRulesDueTimesFollowThePeriodInForceAtTheRecording() {
    PolicyRules rules = example(ExistingClips.KEEP_OLD_RULES);
    assertEquals(JUNE_3 + 20 * DAY, rules.dueAt("US", JUNE_3 - 40 * DAY));
    assertEquals(JUNE_3 + 40 * DAY, rules.dueAt("US", JUNE_3 - 20 * DAY));
    assertEquals(JUNE_3 + 30 * DAY, rules.dueAt("US", JUNE_3));
    assertEquals(JUNE_3 + 15 * DAY, rules.dueAt("EU", JUNE_3));
    assertEquals(JUNE_3 + 29 * DAY, rules.dueAt("EU", JUNE_3 - DAY));
    assertEquals("base", rules.dueStage("US", JUNE_3 - 20 * DAY).label());
    assertEquals(
        List.of(
            DuePiece.period(Long.MIN_VALUE, JUNE_3, 60 * DAY),
            DuePiece.period(JUNE_3, Long.MAX_VALUE, 30 * DAY)),
        rules.duePieces("US"));
  }

  @Test
  void aLongerPeriodUnderFollowNewRulesLengthensClipsNotYetDue() throws Exception {
    PolicyRules rules =
        Policy.read(
                file(
                    "name: p\nretention:\n  days: 30\nstages:\n  - from: 2021-06-03\n"
                        + "    retention:\n      days: 60\n"))
            .rules();
    assertEquals(JUNE_3 - 10 * DAY, rules.dueAt("US", JUNE_3 - 40 * DAY));
    assertEquals(JUNE_3 + 40 * DAY, rules.dueAt("US", JUNE_3 - 20 * DAY));
    assertEquals(JUNE_3 + 60 * DAY, rules.dueAt("US", JUNE_3));
  }

  @Test
  void aPolicyWithoutStagesHasOneUnboundedPiecePerPeriodNamedByThePeriod() {
    PolicyRules rules = Policy.read(Path.of("../policies/status-quo-2019.yaml")).rules();
    assertEquals(
        List.of(DuePiece.period(Long.MIN_VALUE, Long.MAX_VALUE, 60 * DAY)), rules.duePieces("US"));
    assertEquals(Long.toString(30 * DAY), rules.duePiece("EU", 0).key());
    assertEquals("base", rules.forClip(0, JUNE_3).label());
  }

  @Test
  void clipDecisionsUseTheStageAtTheEventOrAtTheRecording() {
    long before = JUNE_3 - 5 * DAY;
    long after = JUNE_3 + 5 * DAY;
    PolicyRules follow = example(ExistingClips.FOLLOW_NEW_RULES);
    PolicyRules keep = example(ExistingClips.KEEP_OLD_RULES);
    assertEquals(
        CopyReceiptCause.FORWARDING_FORBIDDEN,
        ((Decision.Blocked)
                follow.admitCopy(CopyKind.FORWARD, HolderType.OTHER_AGENCY, before, after))
            .cause());
    assertEquals(
        Decision.ALLOWED, keep.admitCopy(CopyKind.FORWARD, HolderType.OTHER_AGENCY, before, after));
    assertEquals(
        Decision.ALLOWED,
        follow.admitCopy(CopyKind.FORWARD, HolderType.OTHER_AGENCY, before, before + DAY));
    assertEquals(
        after + 90 * DAY,
        follow.copyExpiresAt(HolderType.REQUESTING_POLICE, before, after, OptionalLong.empty()));
    assertEquals(
        after + 365 * DAY,
        keep.copyExpiresAt(HolderType.REQUESTING_POLICE, before, after, OptionalLong.empty()));
    assertEquals("2021-06-03", follow.forClip(before, after).label());
    assertEquals("base", keep.forClip(before, after).label());
  }

  @Test
  void oldForwardingAllowedStillLoadsAndADisagreeingPairIsRefused() throws Exception {
    assertEquals(
        Forwarding.NONE,
        Policy.read(Path.of("../policies/no-forwarding.yaml")).rules().inForceAt(0).forwarding());
    assertEquals(
        Forwarding.LOCAL_ONLY,
        Policy.read(
                file(
                    "name: p\nretention:\n  days: 60\nforwarding: local-only\n"
                        + "forwardingAllowed: false\n"))
            .forwarding());
    Path f =
        file("name: p\nretention:\n  days: 60\nforwarding: local-only\nforwardingAllowed: true\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f
            + ":5:1: field 'forwardingAllowed': true disagrees with forwarding: local-only;"
            + " give forwarding only",
        e.getMessage());
  }

  @Test
  void stagesOutOfOrderAreRefusedAtTheLaterStage() throws Exception {
    Path f =
        file(
            "name: p\nretention:\n  days: 60\nstages:\n  - from: 2022-01-01\n"
                + "    forwarding: none\n  - from: 2021-06-03\n    forwarding: any\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f
            + ":7:5: field 'stages[1].from': must be after the stage before it (2022-01-01), not"
            + " 2021-06-03",
        e.getMessage());
  }

  @Test
  void aStageWithABadDateOrNothingToChangeIsRefusedAtItsLine() throws Exception {
    Path bad =
        file(
            "name: p\nretention:\n  days: 60\nstages:\n  - from: 2021-13-01\n    forwarding: none\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(bad));
    assertEquals(
        bad
            + ":5:5: field 'stages[0].from': '2021-13-01' is not a valid date; expected YYYY-MM-DD,"
            + " e.g. 2021-06-03",
        e.getMessage());
    Path empty = file("name: p\nretention:\n  days: 60\nstages:\n  - from: 2021-06-03\n");
    e = assertThrows(ConfigException.class, () -> Policy.read(empty));
    assertEquals(
        empty
            + ":5:5: field 'stages[0].from': the stage changes nothing; name at least one of"
            + " retention, copies, requests, forwarding, addressDisclosed",
        e.getMessage());
  }

  @Test
  void aBadValueInsideAStageIsReportedInTheStageNotInTheBaseRules() throws Exception {
    Path f =
        file(
            "name: p\nretention:\n  days: 60\nstages:\n  - from: 2021-06-03\n"
                + "    retention:\n      days: -5\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f
            + ":7:7: field 'stages[0].retention.days': retention.days must be a positive number of days, not -5",
        e.getMessage());
    Path unknown =
        file("name: p\nretention:\n  days: 60\nstages:\n  - from: 2021-06-03\n    name: q\n");
    e = assertThrows(ConfigException.class, () -> Policy.read(unknown));
    assertEquals(
        unknown
            + ":6:5: field 'stages[0].name': unknown key 'name'; expected one of from, retention,"
            + " copies, requests, forwarding, addressDisclosed",
        e.getMessage());
  }

  @Test
  void followNewRulesRefusesAStageThatChangesWhatASharedOriginalDoes() throws Exception {
    String yaml =
        "name: p\n%sretention:\n  days: 60\nstages:\n  - from: 2021-06-03\n"
            + "    retention:\n      days: 30\n      sharedOriginals: expire-on-time\n";
    Path f = file(String.format(yaml, ""));
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f
            + ":6:5: field 'stages[0].retention': changes sharedOriginals (exempt to"
            + " expire-on-time), which existingClips: follow-new-rules cannot apply (an exemption"
            + " is decided once, at the share); use existingClips: keep-old-rules or keep"
            + " sharedOriginals",
        e.getMessage());
    PolicyRules keep =
        Policy.read(file(String.format(yaml, "existingClips: keep-old-rules\n"))).rules();
    assertEquals(true, keep.exemptsSharedOriginals(JUNE_3 - 1));
    assertEquals(false, keep.exemptsSharedOriginals(JUNE_3));
  }
}
