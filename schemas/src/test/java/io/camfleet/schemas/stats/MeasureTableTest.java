package io.camfleet.schemas.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MeasureTableTest {

  @Test
  void resolvesTheRowsWhoseMeasuresTheVocabularyHoldsInTheTablesOrder() {
    Set<String> known =
        Arrays.stream(StatsService.values())
            .flatMap(s -> s.measures().stream())
            .map(StatsMeasure::wireName)
            .collect(Collectors.toSet());
    for (MeasureTable table : MeasureTable.values()) {
      assertEquals(
          table.namedRows().stream()
              .filter(row -> known.contains(row.wireName()))
              .map(row -> row.wireName() + "/" + row.level())
              .toList(),
          table.rows().stream().map(r -> r.measure().wireName() + "/" + r.level()).toList(),
          table.name());
    }
  }

  @Test
  void listsThePortalsRequestsByCauseThenTheEmailsSentAndWithheld() {
    assertEquals(
        List.of(
            "requestsMade/0",
            "requests/0",
            "requestsRefused/0",
            "requestsRefusedPortalClosed/1",
            "requestsRefusedWindowBelowMinimum/1",
            "requestsRefusedAreaBelowMinimum/1",
            "requestsRefusedPastLookBack/1",
            "requestsNarrowed/0",
            "requestsNarrowedWindow/1",
            "requestsNarrowedArea/1",
            "requestsNarrowedLookBack/1",
            "notifications/0",
            "notificationsWithheld/0"),
        MeasureTable.PORTAL.namedRows().stream()
            .map(row -> row.wireName() + "/" + row.level())
            .toList());
    List<StatsMeasure> resolved =
        MeasureTable.PORTAL.rows().stream().map(MeasureTable.Resolved::measure).toList();
    assertEquals(
        List.of(SharingMeasure.REQUESTS, SharingMeasure.NOTIFICATIONS),
        resolved.stream()
            .filter(m -> m == SharingMeasure.REQUESTS || m == SharingMeasure.NOTIFICATIONS)
            .toList(),
        "the measures named by their wire names");
  }
}
