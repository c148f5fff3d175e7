package io.camfleet.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * What a run emitted: events by type (Avro record names, in the schema's order), police requests,
 * notifications (emails), answers by kind, shares (ClipShared: police and feed), onward copies
 * (CopyMade), the simulated period from start to horizon (the final tick's time) and the wall time.
 */
public record SimulationSummary(
    Map<String, Long> eventsByType,
    long requests,
    long notifications,
    Map<String, Long> answers,
    long shares,
    long copies,
    Instant simulatedStart,
    Instant horizon,
    Duration wallTime) {

  public SimulationSummary {
    eventsByType = Map.copyOf(eventsByType);
    answers = Map.copyOf(answers);
  }

  public long totalEvents() {
    return eventsByType.values().stream().mapToLong(Long::longValue).sum();
  }

  public long eventsOfType(String recordName) {
    return eventsByType.getOrDefault(recordName, 0L);
  }

  public double eventsPerSecond() {
    double seconds = wallTime.toNanos() / 1e9;
    return seconds > 0 ? totalEvents() / seconds : 0;
  }

  /** A few lines for a terminal. */
  public String render() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "simulated %s .. %s (%d days) in %.1f s: %,d events, %,.0f events/s%n",
            simulatedStart,
            horizon,
            Duration.between(simulatedStart, horizon).toDays(),
            wallTime.toMillis() / 1000.0,
            totalEvents(),
            eventsPerSecond()));
    for (String type : Simulator.EVENT_TYPES) {
      s.append(String.format(Locale.ROOT, "  %-20s %,12d%n", type, eventsOfType(type)));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "requests %,d, notifications %,d, answers: shared %,d, declined %,d, ignored %,d%n",
            requests,
            notifications,
            answers.getOrDefault("SHARED", 0L),
            answers.getOrDefault("DECLINED", 0L),
            answers.getOrDefault("IGNORED", 0L)));
    s.append(String.format(Locale.ROOT, "shares %,d, onward copies %,d%n", shares, copies));
    return s.toString();
  }
}
