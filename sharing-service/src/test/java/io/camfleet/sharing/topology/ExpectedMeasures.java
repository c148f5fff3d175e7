package io.camfleet.sharing.topology;

import io.camfleet.schemas.stats.MeasureKey;
import io.camfleet.schemas.stats.StatsMeasure;
import io.camfleet.schemas.stats.StatsService;
import java.util.HashMap;
import java.util.Map;

/** A day's full measures map: every sharing measure, zero unless given. */
final class ExpectedMeasures {
  private ExpectedMeasures() {}

  /**
   * Each name (a wire name, a {@link StatsMeasure} or a {@link MeasureKey}) then its value; a name
   * the sharing service does not write fails.
   */
  static Map<String, Long> with(Object... nameThenValue) {
    Map<String, Long> measures = new HashMap<>();
    StatsService.SHARING.keys().forEach(key -> measures.put(key.wireName(), 0L));
    for (int i = 0; i < nameThenValue.length; i += 2) {
      Object name = nameThenValue[i];
      MeasureKey key;
      if (name instanceof MeasureKey k) {
        key = k;
      } else if (name instanceof StatsMeasure m) {
        key = m.key();
      } else if (name instanceof String wireName) {
        key = StatsService.SHARING.key(wireName);
      } else {
        throw new IllegalArgumentException("not a measure: " + name);
      }
      if (key.service() != StatsService.SHARING) {
        throw new IllegalArgumentException("not a sharing measure: " + key);
      }
      measures.put(key.wireName(), ((Number) nameThenValue[i + 1]).longValue());
    }
    return measures;
  }
}
