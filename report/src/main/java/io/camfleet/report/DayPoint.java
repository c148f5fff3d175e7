package io.camfleet.report;

import io.camfleet.schemas.stats.MeasureKey;
import io.camfleet.schemas.stats.StatsMeasure;
import io.camfleet.schemas.stats.StatsService;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One simulated day of one policy as both services closed it: counters cumulative since the start,
 * levels as at the day's end. Each service's measures must be exactly the ones it writes (every key
 * of {@link StatsService#keys()}), so no figure is ever read as a silent zero.
 */
public record DayPoint(
    LocalDate day, long dayEnd, Map<String, Long> retention, Map<String, Long> sharing) {

  public DayPoint {
    Objects.requireNonNull(day, "day");
    retention =
        checked(
            day, StatsService.RETENTION, Objects.requireNonNull(retention, "retention measures"));
    sharing =
        checked(day, StatsService.SHARING, Objects.requireNonNull(sharing, "sharing measures"));
  }

  /** A whole measure on this day. */
  public long value(StatsMeasure measure) {
    return value(measure.key());
  }

  /** A measure, or one of its parts by holder type, on this day. */
  public long value(MeasureKey key) {
    Long value =
        (key.service() == StatsService.RETENTION ? retention : sharing).get(key.wireName());
    if (value == null) {
      throw new IllegalArgumentException(
          key.service().id() + " wrote no measure '" + key + "' on " + day);
    }
    return value;
  }

  private static Map<String, Long> checked(
      LocalDate day, StatsService service, Map<String, Long> measures) {
    TreeSet<String> missing = new TreeSet<>();
    for (MeasureKey key : service.keys()) {
      if (!measures.containsKey(key.wireName())) {
        missing.add(key.wireName());
      }
    }
    for (String name : measures.keySet()) {
      service.key(name); // an unknown name fails here
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          service.id()
              + " wrote no "
              + String.join(", ", missing)
              + " on "
              + day
              + "; it writes every measure daily");
    }
    return Map.copyOf(measures);
  }
}
