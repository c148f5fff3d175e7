package io.camfleet.bench;

/**
 * How big each measurement is. {@code FULL} is the sizes; {@code SMALL} finishes in a few
 * minutes on two cores; {@code TINY} is for the integration test.
 *
 * @param producerCameras cameras of the world published for items 1 and 2
 * @param servicesCameras cameras of the world preloaded for item 3
 * @param runs alternating runs of ours and of Kafka's tool
 * @param liveSmall live clips at the smaller size of item 4
 * @param liveLarge live clips at the larger size of item 4
 * @param expiring clips expired (the same number at both sizes) in item 4
 * @param fleetCameras cameras of the fleet world in item 1's second row (0: all of the world's)
 * @param fleetDays days of the fleet world in item 1's second row, unless {@code --fleet-days}
 * @param warmUpRound whether item 3 runs a discarded round first, so that no measured run compiles
 *     its code; not at {@code TINY}, which only shows that every row gets a number
 */
public enum BenchSize {
  TINY(20, 20, 1, 5_000, 20_000, 1_500, 200, 1, false),
  SMALL(1_400, 700, 3, 100_000, 1_000_000, 15_000, 0, 3, true),
  // ~733 events per camera over the default world's 100 days: 13,700 cameras give ~10 million
  // events
  FULL(13_700, 13_700, 3, 1_000_000, 10_000_000, 150_000, 0, 3, true);

  final int producerCameras;
  final int servicesCameras;
  final int runs;
  final int liveSmall;
  final int liveLarge;
  final int expiring;
  final int fleetCameras;
  final int fleetDays;
  final boolean warmUpRound;

  BenchSize(
      int producerCameras,
      int servicesCameras,
      int runs,
      int liveSmall,
      int liveLarge,
      int expiring,
      int fleetCameras,
      int fleetDays,
      boolean warmUpRound) {
    this.producerCameras = producerCameras;
    this.servicesCameras = servicesCameras;
    this.runs = runs;
    this.liveSmall = liveSmall;
    this.liveLarge = liveLarge;
    this.expiring = expiring;
    this.fleetCameras = fleetCameras;
    this.fleetDays = fleetDays;
    this.warmUpRound = warmUpRound;
  }
}
