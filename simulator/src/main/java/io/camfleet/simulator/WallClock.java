package io.camfleet.simulator;

/** Real time for pacing and progress, injected so tests can drive it. */
interface WallClock {
  long nanoTime();

  void sleepNanos(long nanos) throws InterruptedException;

  WallClock SYSTEM =
      new WallClock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
      };
}
