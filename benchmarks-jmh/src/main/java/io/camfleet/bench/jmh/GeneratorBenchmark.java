package io.camfleet.bench.jmh;

import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.world.World;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The world's event generator into a sink that drops every event: the simulator's own cost, without
 * serialization or I/O. Divide the events of one run (printed by {@code camfleet simulate}) by the
 * time per operation for events per second. Run from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.camfleet.avro")
public class GeneratorBenchmark {
  @Param({"worlds/default.yaml"})
  public String worldFile;

  private World world;

  @Setup
  public void setUp() {
    world = World.read(Path.of(worldFile));
  }

  /** Returns the event count so the run cannot be optimised away. */
  @Benchmark
  public long defaultWorldToDiscardSink() {
    return Simulator.run(
            world, SimulationOptions.defaults(), EventSink.discard(), ProgressListener.NONE)
        .totalEvents();
  }
}
