package io.camfleet.report;

import io.camfleet.avro.HolderType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One policy's results: its days in order, the last of which holds the final figures. */
public record PolicyReport(PolicyInfo info, List<DayPoint> series) {

  public PolicyReport {
    Objects.requireNonNull(info, "info");
    series = List.copyOf(Objects.requireNonNull(series, "series"));
    if (series.isEmpty()) {
      throw new IllegalArgumentException("policy '" + info.name() + "' has no days");
    }
    for (int i = 1; i < series.size(); i++) {
      if (!series.get(i - 1).day().isBefore(series.get(i).day())) {
        throw new IllegalArgumentException(
            "policy '"
                + info.name()
                + "': days must be in increasing order, found "
                + series.get(i - 1).day()
                + " then "
                + series.get(i).day());
      }
    }
  }

  public String name() {
    return info.name();
  }

  /** The world's final day, from the records with {@code last=true}. */
  public DayPoint end() {
    return series.get(series.size() - 1);
  }

  /** A final figure. */
  public long figure(Measure measure) {
    return end().value(measure.source());
  }

  /** A final figure by holder type, every holder type present, in the schema's order. */
  public Map<HolderType, Long> figure(HolderBreakdown breakdown) {
    Map<HolderType, Long> byHolder = new EnumMap<>(HolderType.class);
    for (HolderType holder : HolderType.values()) {
      byHolder.put(holder, end().value(breakdown.source(holder)));
    }
    return Collections.unmodifiableMap(byHolder);
  }
}
