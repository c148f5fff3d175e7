package io.camfleet.lab;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Tells when work has stalled: no change in a progress measure (the records the services have
 * committed, say) for {@code limit}. Work that still progresses is never stalled, however long it
 * takes. The measure is read at most once a second.
 */
final class StallWatch {
  private static final long SAMPLE_EVERY_NANOS = 1_000_000_000L;

  /** Reads the progress measure: any number that changes while the work goes on. */
  interface Progress {
    long get() throws Exception;
  }

  private final Duration limit;
  private final LongSupplier nanoClock;
  private long lastChangeNanos;
  private long lastSampleNanos;
  private Long last;

  StallWatch(Duration limit, LongSupplier nanoClock) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("a stall limit is longer than 0, not " + limit);
    }
    this.limit = limit;
    this.nanoClock = nanoClock;
    this.lastChangeNanos = nanoClock.getAsLong();
    this.lastSampleNanos = lastChangeNanos - SAMPLE_EVERY_NANOS;
  }

  /**
   * Reads {@code progress} if a second has passed since the last reading, and says whether it has
   * not changed for the limit.
   */
  boolean stalled(Progress progress) throws Exception {
    long now = nanoClock.getAsLong();
    if (now - lastSampleNanos >= SAMPLE_EVERY_NANOS) {
      lastSampleNanos = now;
      long value = progress.get();
      if (last == null || value != last) {
        last = value;
        lastChangeNanos = now;
      }
    }
    return now - lastChangeNanos >= limit.toNanos();
  }

  /** How long the measure has not changed. */
  Duration idle() {
    return Duration.ofNanos(nanoClock.getAsLong() - lastChangeNanos);
  }
}
