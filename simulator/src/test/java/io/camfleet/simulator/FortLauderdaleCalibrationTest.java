package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.simulator.world.World;
import org.junit.jupiter.api.Test;

/**
 * The Fort Lauderdale world reproduces what was reported for May-September 2018: 22 requests that
 * became 319 emails to residents (Gizmodo, 2019).
 */
class FortLauderdaleCalibrationTest {
  private static final int REPORTED_REQUESTS = 22;
  private static final int REPORTED_EMAILS = 319;

  private static SimulationSummary run(World world) {
    return Simulator.run(world, SimulationOptions.defaults(), EventSink.discard(), ProgressListener.NONE);
  }

  @Test
  void defaultSeedGivesExactly22RequestsAndAbout319Emails() {
    World world = Worlds.read("fort-lauderdale-2018");
    SimulationSummary summary = run(world);
    assertEquals(REPORTED_REQUESTS, summary.requests());
    assertEquals(297, summary.notifications(), "the default seed's emails, as documented in the world file");
    assertTrue(Math.abs(summary.notifications() - REPORTED_EMAILS) <= 0.1 * REPORTED_EMAILS);
  }

  @Test
  void meanEmailsOverFiveSeedsIsWithinTenPercentOf319() {
    World world = Worlds.read("fort-lauderdale-2018");
    long emails = 0;
    for (long seed = 1; seed <= 5; seed++) {
      SimulationSummary summary = run(world.withSeed(seed));
      assertEquals(REPORTED_REQUESTS, summary.requests(), "requests with seed " + seed);
      emails += summary.notifications();
    }
    double mean = emails / 5.0;
    assertEquals(338.2, mean, 1e-9, "the mean documented in the world file");
    assertTrue(Math.abs(mean - REPORTED_EMAILS) <= 0.1 * REPORTED_EMAILS, "mean " + mean);
  }

  @Test
  void worldCoversMayToSeptember2018() {
    World world = Worlds.read("fort-lauderdale-2018");
    assertEquals(java.time.Instant.parse("2018-05-01T00:00:00Z"), world.startInstant());
    assertEquals(java.time.Instant.parse("2018-10-01T00:00:00Z"), world.horizon());
  }
}
