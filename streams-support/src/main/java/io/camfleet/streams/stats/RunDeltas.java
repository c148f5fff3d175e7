package io.camfleet.streams.stats;

import io.camfleet.avro.StatsDelta;
import io.camfleet.schemas.Runs;
import io.camfleet.streams.InvariantViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The open days of every run of the input ({@link Runs}), one {@link DailyDeltas} per run in one
 * store. The runs share the input's clock, so time moves them all; a change goes to the run of the
 * record that caused it. Every run is known from the start, so each partition reports every run's
 * days, also those in which that run had no event on the partition.
 */
public final class RunDeltas {
  private final Map<String, DailyDeltas> byRun = new LinkedHashMap<>();

  public RunDeltas(
      KeyValueStore<String, long[]> store,
      List<String> runs,
      List<String> policies,
      List<String> measures) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("an input carries at least one run");
    }
    for (String run : runs) {
      if (byRun.put(run, new DailyDeltas(store, run, policies, measures)) != null) {
        throw new IllegalArgumentException("the run '" + run + "' is named twice");
      }
    }
  }

  /** The open days of {@code run}; a run this input does not carry breaks an invariant. */
  public DailyDeltas of(String run) {
    DailyDeltas deltas = byRun.get(run);
    if (deltas == null) {
      throw new InvariantViolation(
          run.isEmpty()
              ? "a record of a single run in an input of runs " + byRun.keySet()
              : "a record of run " + run + ", which is not one of " + byRun.keySet());
    }
    return deltas;
  }

  /** The open days of the run that the simulator's id {@code id} belongs to. */
  public DailyDeltas ofId(String id) {
    return of(Runs.of(id));
  }

  /** {@link DailyDeltas#advanceTo} for every run. */
  public List<StatsDelta> advanceTo(long streamTime, int partition) {
    List<StatsDelta> closed = new ArrayList<>();
    for (DailyDeltas deltas : byRun.values()) {
      closed.addAll(deltas.advanceTo(streamTime, partition));
    }
    return closed;
  }

  /** {@link DailyDeltas#finish} for every run: the runs share the final tick. */
  public List<StatsDelta> finish(long horizon, int partition) {
    List<StatsDelta> closed = new ArrayList<>();
    for (DailyDeltas deltas : byRun.values()) {
      closed.addAll(deltas.finish(horizon, partition));
    }
    return closed;
  }

  /** {@link DailyDeltas#flush} for every run whose days changed. */
  public void flush() {
    byRun.values().forEach(DailyDeltas::flush);
  }
}
