package io.camfleet.simulator;

import io.camfleet.avro.WorldEvent;
import io.camfleet.simulator.world.World;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a JVM of its own by {@link MemoryFlatTest}: simulates a world for many days and prints the
 * heap in use after a full collection, measured every quarter of a million events.
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  public static void main(String[] args) {
    World world =
        World.read(Path.of(args[0]))
            .withCameras(Integer.parseInt(args[1]))
            .withDays(Integer.parseInt(args[2]));
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    List<Long> usedAfterGc = new ArrayList<>();
    EventSink sink =
        new EventSink() {
          long events;

          @Override
          public void send(String key, Integer partition, WorldEvent event) {
            if (++events % 250_000 == 0) {
              System.gc();
              usedAfterGc.add(memory.getHeapMemoryUsage().getUsed());
            }
          }

          @Override
          public void close() {}
        };
    SimulationSummary summary =
        Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
    StringBuilder line = new StringBuilder("events=" + summary.totalEvents() + " used=");
    for (int i = 0; i < usedAfterGc.size(); i++) {
      line.append(i == 0 ? "" : ",").append(usedAfterGc.get(i));
    }
    System.out.println(line);
  }
}
