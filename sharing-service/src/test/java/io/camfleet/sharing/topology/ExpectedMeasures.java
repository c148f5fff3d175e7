package io.camfleet.sharing.topology;

import java.util.HashMap;
import java.util.Map;

/** A day's full measures map: every sharing measure, zero unless given. */
final class ExpectedMeasures {
  private ExpectedMeasures() {}

  static Map<String, Long> with(Object... nameThenValue) {
    Map<String, Long> measures = new HashMap<>();
    SharingMeasures.all().forEach(name -> measures.put(name, 0L));
    for (int i = 0; i < nameThenValue.length; i += 2) {
      String name = (String) nameThenValue[i];
      if (!measures.containsKey(name)) {
        throw new IllegalArgumentException("not a sharing measure: " + name);
      }
      measures.put(name, ((Number) nameThenValue[i + 1]).longValue());
    }
    return measures;
  }
}
