package io.camfleet.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.ClipShared;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.RequestTerms;
import io.camfleet.avro.ShareChannel;
import io.camfleet.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final long SHARED_AT = 200 * DAY;
  @TempDir Path tmp;

  private Path file(String name, String yaml) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void readsEveryBundledPolicy() {
    List<Policy> policies = Policies.read(Policies.filesIn(Path.of("../policies")));
    assertEquals(
        List.of(
            "copies-inherit-expiry",
            "eu-30-days",
            "markey-caps-2019",
            "no-address-disclosure",
            "no-forwarding",
            "police-copies-180-days",
            "rfa-2021",
            "ring-2018-2025",
            "status-quo-2019"),
        policies.stream().map(Policy::name).toList());
    Policy statusQuo = policies.get(8);
    assertEquals(60, statusQuo.retention().daysFor("US"));
    assertEquals(30, statusQuo.retention().daysFor("EU"));
    assertTrue(statusQuo.rules().exemptsSharedOriginals(0));
  }

  @Test
  void unknownKeyNamesFileLineAndKey() throws Exception {
    Path f = file("p.yaml", "name: p\nretention:\n  days: 60\n  dayz: 3\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f
            + ":4:3: field 'retention.dayz': unknown key 'dayz'; expected one of days, regions, sharedOriginals",
        e.getMessage());
  }

  @Test
  void misspelledRequiredKeyIsReportedAsUnknownAtItsOwnPlaceNotAsMissing() throws Exception {
    Path f = file("p.yaml", "name: p\nretention:\n  dayz: 60\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f
            + ":3:3: field 'retention.dayz': unknown key 'dayz'; expected one of days, regions, sharedOriginals",
        e.getMessage());
    assertEquals(List.of(3, 3, "retention.dayz"), List.of(e.line(), e.column(), e.field()));
  }

  @Test
  void refusesDuplicateKeyNamingItsLineAndTheFirst() throws Exception {
    Path f = file("p.yaml", "name: p\nretention:\n  days: 60\n  days: 7\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f + ":4:3: field 'retention.days': duplicated key 'days', first given on line 3",
        e.getMessage());
  }

  @Test
  void refusesDuplicateTopLevelKey() throws Exception {
    Path f = file("p.yaml", "name: p\nretention:\n  days: 60\nname: q\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f + ":4:1: field 'name': duplicated key 'name', first given on line 1", e.getMessage());
  }

  @Test
  void refusesDuplicateRegionInsideOneFlowMapping() throws Exception {
    Path f = file("p.yaml", "name: p\nretention:\n  days: 60\n  regions: {EU: 30, EU: 20}\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f + ":4:21: field 'retention.regions.EU': duplicated key 'EU', first given on line 4",
        e.getMessage());
  }

  @Test
  void keyWithoutValueIsRefusedWhenRequired() throws Exception {
    Path f = file("p.yaml", "name: p\nretention:\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(f + ":2:1: field 'retention': required but empty", e.getMessage());
  }

  @Test
  void valueWhereKeysBelongIsRefusedListingTheKeys() throws Exception {
    Path f = file("p.yaml", "name: p\nretention: 60\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f + ":2:1: field 'retention': expected keys (days, regions, sharedOriginals), not '60'",
        e.getMessage());
  }

  @Test
  void fractionalDaysAreNotAWholeNumber() throws Exception {
    Path f = file("p.yaml", "name: p\nretention:\n  days: 60.5\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(f + ":3:3: field 'retention.days': '60.5' is not a whole number", e.getMessage());
  }

  @Test
  void daysBeyondAWholeNumberAreTooLarge() throws Exception {
    Path f = file("p.yaml", "name: p\nretention:\n  days: 99999999999\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f
            + ":3:3: field 'retention.days': '99999999999' is too large; expected a whole number of at most 2147483647",
        e.getMessage());
  }

  @Test
  void unknownChoiceListsTheChoicesAsWritten() throws Exception {
    Path f = file("p.yaml", "name: p\nretention:\n  days: 60\n  sharedOriginals: forever\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f
            + ":4:3: field 'retention.sharedOriginals': 'forever' is not one of exempt, expire-on-time",
        e.getMessage());
  }

  @Test
  void unknownHolderTypeIsReportedAtItsKey() throws Exception {
    Path f =
        file("p.yaml", "name: p\nretention:\n  days: 60\ncopies:\n  lifetimeDays: {POLICE: 3}\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f
            + ":5:18: field 'copies.lifetimeDays.POLICE': 'POLICE' is not one of REQUESTING_POLICE, OTHER_AGENCY,"
            + " FEDERAL_AGENCY, NEIGHBOURHOOD_FEED, PUBLIC",
        e.getMessage());
  }

  @Test
  void sectionRefusedAsAWholeIsNamedOnce() throws Exception {
    Path f =
        file(
            "p.yaml",
            "name: p\nretention:\n  days: 60\ncopies: {inheritOriginalExpiry: true, lifetimeDays: {PUBLIC: 3}}\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f + ":4:1: field 'copies': give either inheritOriginalExpiry or lifetimeDays, not both",
        e.getMessage());
  }

  @Test
  void tabIndentationIsAOneLineSyntaxError() throws Exception {
    Path f = file("p.yaml", "name: p\nretention:\n\tdays: 60\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(f + ":3:1: not valid YAML: a tab where only spaces may indent", e.getMessage());
  }

  @Test
  void keyWithoutColonIsReportedOnItsOwnLine() throws Exception {
    Path f = file("p.yaml", "name: p\nretention\n  days: 60\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(f + ":2:1: not valid YAML: a key without its ':'", e.getMessage());
  }

  @Test
  void fileOfCommentsHoldsNoSettings() throws Exception {
    Path f = file("p.yaml", "# nothing yet\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(f + ": the file holds no settings", e.getMessage());
  }

  @Test
  void negativeDaysNameTheField() throws Exception {
    Path f = file("p.yaml", "name: p\nretention:\n  days: -1\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertTrue(
        e.getMessage().contains("retention.days must be a positive number of days, not -1"),
        e.getMessage());
    assertEquals(3, e.line());
    assertEquals(3, e.column());
    assertEquals("retention.days", e.field());
  }

  @Test
  void wrongTypeNamesTheField() throws Exception {
    Path f = file("p.yaml", "name: p\nretention:\n  days: 60\nforwardingAllowed: sometimes\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f + ":4:1: field 'forwardingAllowed': 'sometimes' is not true or false", e.getMessage());
  }

  @Test
  void missingRequiredFieldIsNamed() throws Exception {
    Path f = file("p.yaml", "name: p\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(f + ":1:1: field 'retention': required but missing", e.getMessage());
  }

  @Test
  void topLevelFieldRejectedByItsRecordIsFoundWithLineAndColumn() throws Exception {
    Path f = file("p.yaml", "name: Not Valid\nretention:\n  days: 60\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(
        f
            + ":1:1: field 'name': name must be lower-case letters, digits, '-' or '.', at most 61 characters,"
            + " not 'Not Valid'",
        e.getMessage());
    assertEquals(List.of(1, 1, "name"), List.of(e.line(), e.column(), e.field()));
  }

  @Test
  void missingNestedKeyIsNamedOnce() throws Exception {
    Path f = file("p.yaml", "name: p\nretention:\n  regions: {EU: 30}\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(f + ":2:1: field 'retention.days': required but missing", e.getMessage());
  }

  @Test
  void missingFileIsNamed() {
    Path f = tmp.resolve("absent.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(f));
    assertEquals(f + ": no such file", e.getMessage());
  }

  @Test
  void duplicateNamesAreRefused() throws Exception {
    Path a = file("a.yaml", "name: same\nretention:\n  days: 60\n");
    Path b = file("b.yaml", "name: same\nretention:\n  days: 30\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policies.read(List.of(a, b)));
    assertTrue(e.getMessage().startsWith(b.toString()), e.getMessage());
  }

  private static ClipShared policeShare(
      long windowStart,
      long windowEnd,
      double radius,
      double distance,
      long recordedAt,
      long issuedAt) {
    return ClipShared.newBuilder()
        .setCopyId("c")
        .setClipId("clip")
        .setCameraId("cam")
        .setHouseholdId("h")
        .setClipRecordedAt(recordedAt)
        .setRegion("US")
        .setChannel(ShareChannel.POLICE_REQUEST)
        .setRecipientId("pd")
        .setHolderType(HolderType.REQUESTING_POLICE)
        .setAddressDisclosed(true)
        .setRequest(new RequestTerms("r", windowStart, windowEnd, radius, issuedAt, distance))
        .build();
  }

  @Test
  void markeyCapsAtThePortalLeaveOutFootageBeyondTwelveHoursHalfASquareMileAndFortyFiveDays() {
    PolicyRules caps = Policy.read(Path.of("../policies/markey-caps-2019.yaml")).rules();
    long start = 100 * DAY;
    long issued = start + 30 * HOUR;
    assertTrue(
        caps.admitShare(
                policeShare(start, start + 24 * HOUR, 0.3, 0.2, start + 11 * HOUR, issued),
                SHARED_AT)
            .allowed());
    assertEquals(
        new Decision.NotRequested(
            CopyReceiptCause.OUTSIDE_WINDOW,
            "the portal asked only for the first 12.0 h of the window; the clip lies after them"),
        caps.admitShare(
            policeShare(start, start + 24 * HOUR, 0.3, 0.2, start + 13 * HOUR, issued), SHARED_AT));
    // half a square mile is a radius of 0.399 mi
    assertTrue(
        caps.admitShare(
                policeShare(start, start + 2 * HOUR, 1.0, 0.39, start + HOUR, issued), SHARED_AT)
            .allowed());
    assertEquals(
        new Decision.NotRequested(
            CopyReceiptCause.OUTSIDE_AREA,
            "the portal did not email this camera: 0.41 mi from the request's centre, beyond the"
                + " 0.40 mi of a 0.500 sq mi area"),
        caps.admitShare(
            policeShare(start, start + 2 * HOUR, 1.0, 0.41, start + HOUR, issued), SHARED_AT));
    long oldWindow = issued - 50 * DAY;
    assertEquals(
        new Decision.NotRequested(
            CopyReceiptCause.PAST_LOOK_BACK,
            "the portal refused the request: the whole request window lies before the 45-day"
                + " look-back"),
        caps.admitShare(
            policeShare(oldWindow, oldWindow + HOUR, 0.3, 0.1, oldWindow, issued), SHARED_AT));
  }

  @Test
  void rfaPortalRefusesRequestsNarrowerThanItsMinimums() {
    PolicyRules rfa = Policy.read(Path.of("../policies/rfa-2021.yaml")).rules();
    long start = 100 * DAY;
    assertEquals(
        new Decision.NotRequested(
            CopyReceiptCause.WINDOW_BELOW_MINIMUM,
            "the portal refused the request: request window 10 min is below the minimum 15 min"),
        rfa.admitShare(
            policeShare(start, start + 10 * 60_000L, 0.3, 0.1, start, start + DAY), SHARED_AT));
    assertEquals(
        new Decision.NotRequested(
            CopyReceiptCause.AREA_BELOW_MINIMUM,
            "the portal refused the request: request area 0.008 sq mi is below the minimum 0.025"
                + " sq mi"),
        rfa.admitShare(
            policeShare(start, start + HOUR, 0.05, 0.01, start, start + DAY), SHARED_AT));
  }

  @Test
  void forwardingKeyReplacesTheBooleanAndOldFilesStillLoad() throws Exception {
    assertEquals(
        Forwarding.NONE, Policy.read(Path.of("../policies/no-forwarding.yaml")).forwarding());
    assertEquals(
        Forwarding.ANY, Policy.read(Path.of("../policies/markey-caps-2019.yaml")).forwarding());
    Path old = file("old.yaml", "name: p\nretention:\n  days: 60\nforwardingAllowed: false\n");
    assertEquals(Forwarding.NONE, Policy.read(old).forwarding());
    Path local = file("local.yaml", "name: p\nretention:\n  days: 60\nforwarding: local-only\n");
    assertEquals(Forwarding.LOCAL_ONLY, Policy.read(local).forwarding());
    assertTrue(Policy.read(local).forwardingAllowed());
    Path both =
        file(
            "both.yaml",
            "name: p\nretention:\n  days: 60\nforwardingAllowed: false\nforwarding: any\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(both));
    assertEquals("forwardingAllowed", e.field());
    assertTrue(
        e.getMessage().contains("false disagrees with forwarding: any; give forwarding only"),
        e.getMessage());
    Path bad = file("bad.yaml", "name: p\nretention:\n  days: 60\nforwarding: federal\n");
    ConfigException wrong = assertThrows(ConfigException.class, () -> Policy.read(bad));
    assertEquals("forwarding", wrong.field());
    assertEquals(4, wrong.line());
  }

  @Test
  void requestsSayWhereTheirCapsActAndWhetherThePortalIsOpen() throws Exception {
    assertEquals(
        RequestCaps.EnforcedAt.SHARE,
        Policy.read(Path.of("../policies/status-quo-2019.yaml")).requests().enforcedAt());
    assertEquals(
        RequestCaps.EnforcedAt.PORTAL,
        Policy.read(Path.of("../policies/rfa-2021.yaml")).requests().enforcedAt());
    Path closed =
        file("closed.yaml", "name: p\nretention:\n  days: 60\nrequests:\n  open: false\n");
    RequestCaps caps = Policy.read(closed).requests();
    assertEquals(false, caps.open());
    long start = 100 * DAY;
    assertEquals(
        new Decision.Blocked(
            CopyReceiptCause.PORTAL_CLOSED, "the portal takes no requests under this policy"),
        Policy.read(closed)
            .rules()
            .admitShare(policeShare(start, start + HOUR, 0.3, 0.1, start, start + DAY), SHARED_AT));
    Path where =
        file("where.yaml", "name: p\nretention:\n  days: 60\nrequests:\n  enforcedAt: door\n");
    ConfigException e = assertThrows(ConfigException.class, () -> Policy.read(where));
    assertEquals("requests.enforcedAt", e.field());
    assertEquals(5, e.line());
  }

  @Test
  void copyLifetimesFollowThePolicy() {
    long made = 10 * DAY;
    OptionalLong originalDue = OptionalLong.of(60 * DAY);
    assertEquals(
        null,
        Policy.read(Path.of("../policies/status-quo-2019.yaml"))
            .rules()
            .copyExpiresAt(HolderType.REQUESTING_POLICE, 0, made, originalDue));
    PolicyRules inherit = Policy.read(Path.of("../policies/copies-inherit-expiry.yaml")).rules();
    assertEquals(60 * DAY, inherit.copyExpiresAt(HolderType.PUBLIC, 0, made, originalDue));
    assertEquals(70 * DAY, inherit.copyExpiresAt(HolderType.PUBLIC, 0, 70 * DAY, originalDue));
    assertEquals(null, inherit.copyExpiresAt(HolderType.PUBLIC, 0, made, OptionalLong.empty()));
    PolicyRules police180 = Policy.read(Path.of("../policies/police-copies-180-days.yaml")).rules();
    assertEquals(
        made + 180 * DAY, police180.copyExpiresAt(HolderType.FEDERAL_AGENCY, 0, made, originalDue));
    assertEquals(null, police180.copyExpiresAt(HolderType.PUBLIC, 0, made, originalDue));
    assertTrue(
        Policy.read(Path.of("../policies/no-forwarding.yaml"))
                .rules()
                .admitCopy(CopyKind.FORWARD, HolderType.OTHER_AGENCY, 0, DAY)
            instanceof Decision.Blocked);
    assertTrue(
        Policy.read(Path.of("../policies/no-forwarding.yaml"))
            .rules()
            .admitCopy(CopyKind.DOWNLOAD, HolderType.PUBLIC, 0, DAY)
            .allowed());
  }
}
