package io.camfleet.report;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One simulated day of one policy as both services closed it: counters cumulative since the start,
 * levels as at the day's end.
 */
public record DayPoint(LocalDate day, long dayEnd, Map<String, Long> retention, Map<String, Long> sharing) {

  public DayPoint {
    Objects.requireNonNull(day, "day");
    retention = Map.copyOf(Objects.requireNonNull(retention, "retention measures"));
    sharing = Map.copyOf(Objects.requireNonNull(sharing, "sharing measures"));
  }

  /** A measure of one service on this day; a measure the service did not write counts as 0. */
  public long value(Service service, String measure) {
    Map<String, Long> measures = service == Service.RETENTION ? retention : sharing;
    return measures.getOrDefault(measure, 0L);
  }
}
