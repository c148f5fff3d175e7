package io.camfleet.simulator;

import io.camfleet.simulator.world.World;
import java.nio.file.Path;

/**
 * Not a test: {@code java ... ThroughputBenchmark worlds/fleet-100k.yaml [days]} prints events per
 * second to a null sink.
 */
public final class ThroughputBenchmark {
  private ThroughputBenchmark() {}

  public static void main(String[] args) {
    World world = World.read(Path.of(args[0]));
    if (args.length > 1) {
      world = world.withDays(Integer.parseInt(args[1]));
    }
    if (args.length > 2) {
      world = world.withCameras(Integer.parseInt(args[2]));
    }
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    int runs = Integer.getInteger("runs", 3);
    for (int i = 0; i < runs; i++) {
      long cpu = threads.getCurrentThreadCpuTime();
      SimulationSummary s =
          Simulator.run(
              world, SimulationOptions.defaults(), EventSink.discard(), ProgressListener.NONE);
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
      System.out.printf(
          "%,d events in %d ms wall, %.2f s CPU: %,.0f events/s wall, %,.0f events per CPU second%n",
          s.totalEvents(),
          s.wallTime().toMillis(),
          cpuSeconds,
          s.eventsPerSecond(),
          s.totalEvents() / cpuSeconds);
      if (i == runs - 1) {
        System.out.print(s.render());
      }
    }
  }
}
