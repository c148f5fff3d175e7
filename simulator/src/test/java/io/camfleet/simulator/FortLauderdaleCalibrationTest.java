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
    return Simulator.run(
        world, SimulationOptions.defaults(), EventSink.discard(), ProgressListener.NONE);
  }

  /** The calibration the world file claims: the reported figures, within the stated tolerance. */
  @Test
  void defaultSeedAndFiveSeedMeanAreWithinTenPercentOf319EmailsFrom22Requests() {
    World world = Worlds.read("fort-lauderdale-2018");
    SimulationSummary first = run(world);
    assertEquals(REPORTED_REQUESTS, first.requests());
    assertTrue(
        Math.abs(first.notifications() - REPORTED_EMAILS) <= 0.1 * REPORTED_EMAILS,
        "default seed: " + first.notifications() + " emails");
    double mean = meanEmailsOfSeedsOneToFive(world);
    assertTrue(
        Math.abs(mean - REPORTED_EMAILS) <= 0.1 * REPORTED_EMAILS, "mean over seeds 1..5: " + mean);
  }

  /**
   * The exact figures the world file documents for its default seed and seeds 1..5: they change
   * only when the generator's random streams or the world's parameters do, which this test makes
   * visible (the calibration above may still hold after such a change).
   */
  @Test
  void documentedEmailCountsOfTheDefaultSeedAndSeedsOneToFiveAreReproduced() {
    World world = Worlds.read("fort-lauderdale-2018");
    assertEquals(297, run(world).notifications());
    assertEquals(338.2, meanEmailsOfSeedsOneToFive(world), 1e-9);
  }

  private static double meanEmailsOfSeedsOneToFive(World world) {
    long emails = 0;
    for (long seed = 1; seed <= 5; seed++) {
      SimulationSummary summary = run(world.withSeed(seed));
      assertEquals(REPORTED_REQUESTS, summary.requests(), "requests with seed " + seed);
      emails += summary.notifications();
    }
    return emails / 5.0;
  }

  @Test
  void worldCoversMayToSeptember2018() {
    World world = Worlds.read("fort-lauderdale-2018");
    assertEquals(java.time.Instant.parse("2018-05-01T00:00:00Z"), world.startInstant());
    assertEquals(java.time.Instant.parse("2018-10-01T00:00:00Z"), world.horizon());
  }
}
