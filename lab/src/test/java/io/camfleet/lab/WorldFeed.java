package io.camfleet.lab;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The default world published to world-events in the background, paced to last a given wall time,
 * so a fault injected while it runs is injected mid-run whatever the machine's speed.
 */
final class WorldFeed implements AutoCloseable {
  private static final Path DEFAULT_WORLD = Path.of("../worlds/default.yaml");

  private final CompletableFuture<Void> done;

  private WorldFeed(CompletableFuture<Void> done) {
    this.done = done;
  }

  /** Starts publishing the default world so that it takes {@code wallTime}. */
  static WorldFeed start(ClientConfig client, Duration wallTime) {
    World world = World.read(DEFAULT_WORLD);
    long simulatedMs = world.horizon().toEpochMilli() - world.startInstant().toEpochMilli();
    double speed = (double) simulatedMs / wallTime.toMillis();
    return new WorldFeed(CompletableFuture.runAsync(() -> publish(client, world, speed)));
  }

  /** Publishes the whole default world now, as fast as possible. */
  static void publishAll(ClientConfig client) {
    publish(client, World.read(DEFAULT_WORLD), 0);
  }

  private static void publish(ClientConfig client, World world, double speed) {
    try (KafkaEventSink sink = new KafkaEventSink(client, Topics.WORLD_EVENTS)) {
      Simulator.run(
          world, SimulationOptions.defaults().withSpeed(speed), sink, ProgressListener.NONE);
    }
  }

  /** Whether events are still being published. */
  boolean publishing() {
    return !done.isDone();
  }

  /** Waits until the whole world is published, rethrowing what stopped it. */
  void awaitPublished() throws Exception {
    done.get(5, TimeUnit.MINUTES);
  }

  @Override
  public void close() throws Exception {
    awaitPublished();
  }
}
