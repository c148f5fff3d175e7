package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.DailyStats;
import io.camfleet.schemas.stats.MeasureKey;
import io.camfleet.schemas.stats.StatsService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailyCsvTest {

  @TempDir Path temp;

  @Test
  void writesEveryMeasureOfBothServicesPerPolicyAndDayAsTheTopicsCarryThem() throws IOException {
    ReportWriter.write(Fixtures.stagedReport(), temp);
    List<String> lines =
        List.of(
            Files.readString(temp.resolve("daily.csv"), StandardCharsets.UTF_8).split("\r\n", -1));

    List<String> header = new ArrayList<>(List.of("policy", "seed", "day", "dayEnd", "stage"));
    for (StatsService service : StatsService.values()) {
      service.keys().forEach(key -> header.add(key.wireName()));
    }
    assertEquals(String.join(",", header), lines.get(0));
    assertEquals(1 + 2 * 3 + 1, lines.size(), "a row per policy and day, then the last CRLF");
    assertEquals("", lines.get(lines.size() - 1));

    // each row holds exactly the measures of that policy's records of that day
    List<String> expected = new ArrayList<>();
    for (PolicyInfo policy : List.of(Fixtures.STATUS_QUO, Fixtures.EU_30_DAYS)) {
      for (java.time.LocalDate day : List.of(Fixtures.DAY_1, Fixtures.DAY_2, Fixtures.DAY_3)) {
        List<String> row = new ArrayList<>();
        row.add(policy.name());
        row.add("42");
        row.add(day.toString());
        row.add(Long.toString(Fixtures.endOf(day)));
        row.add(
            policy == Fixtures.EU_30_DAYS && !day.isBefore(Fixtures.STAGE_DAY)
                ? "2019-01-03"
                : "base");
        for (StatsService service : StatsService.values()) {
          Map<String, Long> measures = record(policy, service, day).getMeasures();
          for (MeasureKey key : service.keys()) {
            row.add(Long.toString(measures.get(key.wireName())));
          }
        }
        expected.add(String.join(",", row));
      }
    }
    assertEquals(expected, lines.subList(1, lines.size() - 1));
    assertEquals(
        "eu-30-days,42,2019-01-03,1546560000000,2019-01-03,30,18,1,",
        lines
            .get(6)
            .substring(0, "eu-30-days,42,2019-01-03,1546560000000,2019-01-03,30,18,1,".length()));
  }

  @Test
  void writesARowPerSeedWithSeveralSeeds() {
    Comparison comparison = SeededPolicies.comparison(List.of(1L, 2L, 3L), Optional.empty());

    List<String> lines = List.of(DailyCsv.render(comparison).split("\r\n"));

    assertEquals(1 + SevenPolicies.NAMES.size() * 3 * SeededPolicies.DAYS, lines.size());
    assertEquals(
        List.of("1", "2", "3"),
        lines.stream()
            .skip(1)
            .filter(l -> l.startsWith(comparison.baseline() + ","))
            .map(l -> l.split(",")[1])
            .distinct()
            .toList());
  }

  @Test
  void namesTheStageInForceOnEachDay() {
    PolicyInfo staged =
        Fixtures.EU_30_DAYS.withStages(
            List.of(StageInfo.of(Fixtures.DAY_2), new StageInfo(Fixtures.DAY_3, "third")));

    assertEquals(
        List.of("base", "2019-01-02", "third", "third"),
        List.of(Fixtures.DAY_1, Fixtures.DAY_2, Fixtures.DAY_3, Fixtures.DAY_3.plusDays(9)).stream()
            .map(day -> DailyCsv.stageOn(staged, day))
            .toList());
  }

  private static DailyStats record(
      PolicyInfo policy, StatsService service, java.time.LocalDate day) {
    return Fixtures.twoPoliciesThreeDays().stream()
        .filter(
            r ->
                r.getPolicy().equals(policy.name())
                    && r.getService().equals(service.id())
                    && r.getDay().equals(day.toString()))
        .findFirst()
        .orElseThrow();
  }
}
