package io.camfleet.sharing.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camfleet.avro.HolderType;
import io.camfleet.schemas.stats.MeasureKey;
import io.camfleet.schemas.stats.SharingMeasure;
import io.camfleet.schemas.stats.StatsService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeasureSlotsTest {

  /**
   * The open days in the stores hold the measures in this order: changing it breaks restored state.
   */
  @Test
  void keepsTheOrderOfTheStoredOpenDays() {
    assertEquals(
        List.of(
            "requests",
            "notifications",
            "answersShared",
            "declined",
            "ignored",
            "sharesViaRequest",
            "sharesViaPost",
            "sharesBlockedByPolicy",
            "forwardsBlocked",
            "sharesRefusedExpired",
            "copiesCreated",
            "copiesExpired",
            "copiesAlive",
            "footageAlivePastRetention",
            "sharesBlockedByCaps",
            "sharesBlockedWindowBelowMinimum",
            "sharesBlockedAreaBelowMinimum",
            "sharesBlockedOutsideWindow",
            "sharesBlockedOutsideArea",
            "sharesBlockedPastLookBack",
            "forwardsBlockedByBan",
            "onwardCopiesWithoutParent",
            "requestsMade",
            "requestsRefused",
            "requestsRefusedPortalClosed",
            "requestsRefusedWindowBelowMinimum",
            "requestsRefusedAreaBelowMinimum",
            "requestsRefusedPastLookBack",
            "requestsNarrowed",
            "requestsNarrowedWindow",
            "requestsNarrowedArea",
            "requestsNarrowedLookBack",
            "notificationsWithheld",
            "copiesAlive.REQUESTING_POLICE",
            "copiesCreated.REQUESTING_POLICE",
            "copiesAlive.OTHER_AGENCY",
            "copiesCreated.OTHER_AGENCY",
            "copiesAlive.FEDERAL_AGENCY",
            "copiesCreated.FEDERAL_AGENCY",
            "copiesAlive.NEIGHBOURHOOD_FEED",
            "copiesCreated.NEIGHBOURHOOD_FEED",
            "copiesAlive.PUBLIC",
            "copiesCreated.PUBLIC"),
        MeasureSlots.COPIES.names());
    assertEquals(
        List.of(
            "householdsExposed",
            "addressesDisclosed",
            "householdsKnownToPolice",
            "householdsExposed.REQUESTING_POLICE",
            "householdsExposed.OTHER_AGENCY",
            "householdsExposed.FEDERAL_AGENCY",
            "householdsExposed.NEIGHBOURHOOD_FEED",
            "householdsExposed.PUBLIC"),
        MeasureSlots.HOUSEHOLDS.names());
  }

  @Test
  void betweenThemCountEveryKeyTheServiceWritesOnce() {
    Set<MeasureKey> counted = new HashSet<>(MeasureSlots.COPIES.keys());
    counted.addAll(MeasureSlots.HOUSEHOLDS.keys());

    assertEquals(
        MeasureSlots.COPIES.keys().size() + MeasureSlots.HOUSEHOLDS.keys().size(), counted.size());
    assertEquals(new HashSet<>(StatsService.SHARING.keys()), counted);
  }

  @Test
  void findsEachKeyAtItsSlotAndRefusesOnesCountedElsewhere() {
    List<MeasureKey> keys = MeasureSlots.COPIES.keys();
    for (int i = 0; i < keys.size(); i++) {
      assertEquals(i, MeasureSlots.COPIES.of(keys.get(i)));
    }
    assertEquals(12, MeasureSlots.COPIES.of(SharingMeasure.COPIES_ALIVE));
    assertEquals(
        "measure 'householdsExposed.PUBLIC' of sharing-service is counted elsewhere",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    MeasureSlots.COPIES.of(SharingMeasure.HOUSEHOLDS_EXPOSED.of(HolderType.PUBLIC)))
            .getMessage());
    assertEquals(
        "measure 'requests' of sharing-service is counted elsewhere",
        assertThrows(
                IllegalArgumentException.class,
                () -> MeasureSlots.HOUSEHOLDS.of(SharingMeasure.REQUESTS))
            .getMessage());
  }
}
