package io.camfleet.simulator;

import io.camfleet.simulator.world.World;
import java.nio.file.Path;

/**
 * Not a test: prints requests and notifications of a world over seeds, for calibrating a world
 * file.
 */
public final class CalibrationScan {
  private CalibrationScan() {}

  public static void main(String[] args) {
    World world = World.read(Path.of(args[0]));
    if (args.length > 2) {
      world = world.withCameras(Integer.parseInt(args[2]));
    }
    int seeds = Integer.parseInt(args[1]);
    double sum = 0;
    StringBuilder line = new StringBuilder();
    for (int s = 0; s <= seeds; s++) {
      long seed = s == 0 ? world.seed() : s;
      SimulationSummary summary =
          Simulator.run(
              world.withSeed(seed),
              SimulationOptions.defaults(),
              EventSink.discard(),
              ProgressListener.NONE);
      if (s > 0) {
        sum += summary.notifications();
      }
      line.append(seed)
          .append(':')
          .append(summary.requests())
          .append('/')
          .append(summary.notifications())
          .append(' ');
    }
    System.out.println(line);
    System.out.printf("mean over seeds 1..%d: %.1f%n", seeds, sum / seeds);
  }
}
