package io.camfleet.schemas.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.HolderType;
import io.camfleet.schemas.Topics;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VocabularyTest {

  private static List<String> describe(StatsService service) {
    return service.measures().stream()
        .map(
            m ->
                m.wireName()
                    + " "
                    + m.kind().word()
                    + " "
                    + m.unit().word()
                    + (m.byHolderType() ? " byHolderType" : ""))
        .toList();
  }

  /**
   * The wire names are the public contract of the statistics topics, the flat JSON and report.json.
   */
  @Test
  void retentionServiceWritesTheseMeasures() {
    assertEquals("retention-service", StatsService.RETENTION.id());
    assertEquals(Topics.RETENTION_STATS, StatsService.RETENTION.topic());
    assertEquals(
        List.of(
            "clipsRecorded counter clips",
            "clipsExpired counter clips",
            "clipsExemptByShare counter clips",
            "clipsAlive level clips",
            "liveBytes level bytes",
            "sharesRefused counter shares",
            "sharesRecorded counter shares",
            "holdsPlaced counter holds",
            "expiryHeld counter clips",
            "holdsReleased counter holds",
            "sharesOfStoredOriginals counter shares",
            "clipsStored level clips"),
        describe(StatsService.RETENTION));
    assertEquals(
        List.of(
            "clipsRecorded",
            "clipsExpired",
            "clipsExemptByShare",
            "clipsAlive",
            "liveBytes",
            "sharesRefused",
            "sharesRecorded",
            "holdsPlaced",
            "expiryHeld",
            "holdsReleased",
            "sharesOfStoredOriginals",
            "clipsStored"),
        RetentionMeasure.names());
  }

  @Test
  void sharingServiceWritesTheseMeasures() {
    assertEquals("sharing-service", StatsService.SHARING.id());
    assertEquals(Topics.EXPOSURE_STATS, StatsService.SHARING.topic());
    assertEquals(
        List.of(
            "requests counter requests",
            "notifications counter emails",
            "answersShared counter answers",
            "declined counter answers",
            "ignored counter answers",
            "sharesViaRequest counter shares",
            "sharesViaPost counter shares",
            "sharesBlockedByPolicy counter shares",
            "forwardsBlocked counter copies",
            "sharesRefusedExpired counter shares",
            "copiesCreated counter copies byHolderType",
            "copiesExpired counter copies",
            "copiesAlive level copies byHolderType",
            "footageAlivePastRetention level clips",
            "householdsExposed level households byHolderType",
            "addressesDisclosed counter addresses",
            "sharesBlockedByCaps counter shares",
            "sharesBlockedWindowBelowMinimum counter shares",
            "sharesBlockedAreaBelowMinimum counter shares",
            "sharesBlockedOutsideWindow counter shares",
            "sharesBlockedOutsideArea counter shares",
            "sharesBlockedPastLookBack counter shares",
            "forwardsBlockedByBan counter copies",
            "onwardCopiesWithoutParent counter copies",
            "requestsMade counter requests",
            "requestsRefused counter requests",
            "requestsRefusedPortalClosed counter requests",
            "requestsRefusedWindowBelowMinimum counter requests",
            "requestsRefusedAreaBelowMinimum counter requests",
            "requestsRefusedPastLookBack counter requests",
            "requestsNarrowed counter requests",
            "requestsNarrowedWindow counter requests",
            "requestsNarrowedArea counter requests",
            "requestsNarrowedLookBack counter requests",
            "notificationsWithheld counter emails",
            "householdsKnownToPolice level households"),
        describe(StatsService.SHARING));
  }

  @Test
  void everyMeasureHasALabelAndAOneSentenceDefinition() {
    for (StatsService service : StatsService.values()) {
      Set<String> labels = new HashSet<>();
      for (StatsMeasure measure : service.measures()) {
        assertEquals(service, measure.service(), measure.wireName());
        assertTrue(
            measure.label().matches("[a-z][a-z :]*[a-z]") && labels.add(measure.label()),
            measure.wireName() + ": '" + measure.label() + "'");
        String definition = measure.definition();
        assertTrue(
            Character.isUpperCase(definition.charAt(0))
                && definition.endsWith(".")
                && !definition.substring(0, definition.length() - 1).contains(". ")
                && definition.length() < 250,
            measure.wireName() + ": " + definition);
      }
    }
  }

  @Test
  void keysAreEveryMeasureThenItsPartsByHolderType() {
    assertEquals(
        RetentionMeasure.names(),
        StatsService.RETENTION.keys().stream().map(MeasureKey::wireName).toList());
    List<String> sharing = StatsService.SHARING.keys().stream().map(MeasureKey::wireName).toList();
    assertEquals(36 + 3 * HolderType.values().length, sharing.size());
    assertEquals(
        List.of(
            "copiesCreated",
            "copiesCreated.REQUESTING_POLICE",
            "copiesCreated.OTHER_AGENCY",
            "copiesCreated.FEDERAL_AGENCY",
            "copiesCreated.NEIGHBOURHOOD_FEED",
            "copiesCreated.PUBLIC",
            "copiesExpired"),
        sharing.subList(10, 17));
    assertEquals("householdsExposed.PUBLIC", sharing.get(sharing.size() - 22));
    assertEquals("onwardCopiesWithoutParent", sharing.get(sharing.size() - 13));
    assertEquals("householdsKnownToPolice", sharing.get(sharing.size() - 1));
  }

  /** Every share or onward copy not made has one cause, and each cause one measure. */
  @Test
  void countsEachBlockedShareOrCopyUnderItsCause() {
    Map<CopyReceiptCause, String> byCause = new EnumMap<>(CopyReceiptCause.class);
    for (CopyReceiptCause cause : CopyReceiptCause.values()) {
      try {
        byCause.put(cause, SharingMeasure.blockedBy(cause).wireName());
      } catch (IllegalArgumentException notABlock) {
        assertEquals(
            cause == CopyReceiptCause.PORTAL_CLOSED
                ? "PORTAL_CLOSED blocks a share outside the request caps: sharesBlockedByPolicy counts it"
                : cause + " is not a cause of a blocked share or copy",
            notABlock.getMessage());
      }
    }
    assertEquals(
        Map.of(
            CopyReceiptCause.WINDOW_BELOW_MINIMUM, "sharesBlockedWindowBelowMinimum",
            CopyReceiptCause.AREA_BELOW_MINIMUM, "sharesBlockedAreaBelowMinimum",
            CopyReceiptCause.OUTSIDE_WINDOW, "sharesBlockedOutsideWindow",
            CopyReceiptCause.OUTSIDE_AREA, "sharesBlockedOutsideArea",
            CopyReceiptCause.PAST_LOOK_BACK, "sharesBlockedPastLookBack",
            CopyReceiptCause.FORWARDING_FORBIDDEN, "forwardsBlockedByBan",
            CopyReceiptCause.FEDERAL_FORWARDING_FORBIDDEN, "forwardsBlockedByBan",
            CopyReceiptCause.NO_LIVE_PARENT, "onwardCopiesWithoutParent"),
        byCause);
  }

  @Test
  void namesTheHolderTypePartsOfAMeasure() {
    MeasureKey part = SharingMeasure.COPIES_ALIVE.of(HolderType.FEDERAL_AGENCY);

    assertEquals("copiesAlive.FEDERAL_AGENCY", part.wireName());
    assertEquals("copies alive, federal agency", part.label());
    assertEquals(part, StatsService.SHARING.key("copiesAlive.FEDERAL_AGENCY"));
    assertEquals(
        MeasureKey.of(SharingMeasure.COPIES_ALIVE), StatsService.SHARING.key("copiesAlive"));
    assertEquals("requesting police", HolderTypes.label(HolderType.REQUESTING_POLICE));
  }

  @Test
  void failsLoudlyOnANameItDoesNotKnow() {
    assertEquals(
        "unknown measure 'clipsAlve' of retention-service; known: clipsRecorded, clipsExpired, clipsExemptByShare,"
            + " clipsAlive, liveBytes, sharesRefused, sharesRecorded, holdsPlaced, expiryHeld, holdsReleased,"
            + " sharesOfStoredOriginals, clipsStored",
        assertThrows(
                IllegalArgumentException.class, () -> StatsService.RETENTION.measure("clipsAlve"))
            .getMessage());
    assertEquals(
        "unknown measure 'clipsAlive' of sharing-service; known: requests, notifications, answersShared, declined,"
            + " ignored, sharesViaRequest, sharesViaPost, sharesBlockedByPolicy, forwardsBlocked, sharesRefusedExpired,"
            + " copiesCreated, copiesExpired, copiesAlive, footageAlivePastRetention, householdsExposed,"
            + " addressesDisclosed, sharesBlockedByCaps, sharesBlockedWindowBelowMinimum,"
            + " sharesBlockedAreaBelowMinimum, sharesBlockedOutsideWindow, sharesBlockedOutsideArea,"
            + " sharesBlockedPastLookBack, forwardsBlockedByBan, onwardCopiesWithoutParent, requestsMade,"
            + " requestsRefused, requestsRefusedPortalClosed, requestsRefusedWindowBelowMinimum,"
            + " requestsRefusedAreaBelowMinimum, requestsRefusedPastLookBack, requestsNarrowed,"
            + " requestsNarrowedWindow, requestsNarrowedArea, requestsNarrowedLookBack,"
            + " notificationsWithheld, householdsKnownToPolice",
        assertThrows(IllegalArgumentException.class, () -> StatsService.SHARING.key("clipsAlive"))
            .getMessage());
    assertEquals(
        "measure 'clipsAlive' of retention-service has no parts by holder type",
        assertThrows(
                IllegalArgumentException.class,
                () -> StatsService.RETENTION.key("clipsAlive.PUBLIC"))
            .getMessage());
    assertEquals(
        "measure 'copiesExpired' of sharing-service has no parts by holder type",
        assertThrows(
                IllegalArgumentException.class,
                () -> SharingMeasure.COPIES_EXPIRED.of(HolderType.PUBLIC))
            .getMessage());
    assertEquals(
        "unknown holder type 'Public' in measure 'copiesAlive.Public' of sharing-service; known: REQUESTING_POLICE,"
            + " OTHER_AGENCY, FEDERAL_AGENCY, NEIGHBOURHOOD_FEED, PUBLIC",
        assertThrows(
                IllegalArgumentException.class,
                () -> StatsService.SHARING.key("copiesAlive.Public"))
            .getMessage());
    assertEquals(
        "unknown service 'billing-service' in daily stats; expected retention-service or sharing-service",
        assertThrows(IllegalArgumentException.class, () -> StatsService.ofId("billing-service"))
            .getMessage());
    assertEquals(StatsService.SHARING, StatsService.ofId("sharing-service"));
  }
}
