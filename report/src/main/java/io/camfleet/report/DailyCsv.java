package io.camfleet.report;

import io.camfleet.schemas.stats.MeasureKey;
import io.camfleet.schemas.stats.StatsService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders daily.csv, the daily series in full: one row per policy, seed and simulated day, with
 * every measure both services write (each under its wire name, parts by holder type as {@code
 * copiesAlive.PUBLIC}, counters cumulative since the start, levels at the day's end), exactly as
 * the statistics topics carry them. The {@code stage} column names the policy's stage in force on
 * the day ({@code base} before its first stage).
 */
final class DailyCsv {
  /** The stage column's value before a policy's first stage, as the policy module labels it. */
  static final String BASE_STAGE = "base";

  private DailyCsv() {}

  static String render(Comparison comparison) {
    Map<String, MeasureKey> columns = columns();
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("policy", "seed", "day", "dayEnd", "stage"));
    header.addAll(columns.keySet());
    CsvReport.line(out, header);
    for (PolicyInfo info : comparison.policies()) {
      List<PolicyReport> runs = comparison.perSeed(info.name());
      for (int i = 0; i < runs.size(); i++) {
        for (DayPoint day : runs.get(i).series()) {
          List<String> row = new ArrayList<>();
          row.add(info.name());
          row.add(Long.toString(comparison.seeds().get(i)));
          row.add(day.day().toString());
          row.add(Long.toString(day.dayEnd()));
          row.add(stageOn(info, day.day()));
          for (MeasureKey key : columns.values()) {
            row.add(Long.toString(day.value(key)));
          }
          CsvReport.line(out, row);
        }
      }
    }
    return out.toString();
  }

  /**
   * Every key of every service, in the vocabulary's order (retention's, then sharing's), each under
   * its wire name; a name both services write is qualified by the service, {@code
   * sharing-service:name}.
   */
  static Map<String, MeasureKey> columns() {
    Set<String> seen = new HashSet<>();
    Set<String> shared = new HashSet<>();
    for (StatsService service : StatsService.values()) {
      for (MeasureKey key : service.keys()) {
        if (!seen.add(key.wireName())) {
          shared.add(key.wireName());
        }
      }
    }
    Map<String, MeasureKey> columns = new LinkedHashMap<>();
    for (StatsService service : StatsService.values()) {
      for (MeasureKey key : service.keys()) {
        String name = key.wireName();
        columns.put(shared.contains(name) ? service.id() + ":" + name : name, key);
      }
    }
    return columns;
  }

  /** The label of the policy's stage in force on {@code day}: the last that started by then. */
  static String stageOn(PolicyInfo policy, java.time.LocalDate day) {
    String label = BASE_STAGE;
    for (StageInfo stage : policy.stages()) {
      if (!stage.from().isAfter(day)) {
        label = stage.label();
      }
    }
    return label;
  }
}
