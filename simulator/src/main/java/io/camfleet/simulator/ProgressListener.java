package io.camfleet.simulator;

/** Hears how a run is going, at most a few times a second, and once at the end. */
public interface ProgressListener {

  /** The simulated day being generated (0 = the start date), events so far, and the recent rate. */
  void progress(int simulatedDay, long events, double eventsPerSecond);

  /** The run has finished. */
  default void finished(SimulationSummary summary) {}

  /** A listener that ignores everything. */
  ProgressListener NONE = (day, events, rate) -> {};
}
