package io.camfleet.lab;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The default world published to world-events in the background, so that a fault injected while it
 * runs is injected mid-run: either held back at points until the test lets it go on, or paced to
 * last a given wall time.
 */
final class WorldFeed implements AutoCloseable {
  private static final Path DEFAULT_WORLD = Path.of("../worlds/default.yaml");

  private final CompletableFuture<Void> done;
  // holds the test let go of; nothing waits on it when the feed is paced
  private final Semaphore released;
  private final int holds;

  private WorldFeed(CompletableFuture<Void> done, Semaphore released, int holds) {
    this.done = done;
    this.released = released;
    this.holds = holds;
  }

  /**
   * Starts publishing the default world as fast as it can, holding it back once at each of {@code
   * fractions} (of its events, ascending) until the test calls {@link #release}. A fault injected
   * before the last release is injected mid-run whatever the machine's speed, and no test waits for
   * a clock.
   */
  static WorldFeed heldAt(ClientConfig client, double... fractions) {
    World world = World.read(DEFAULT_WORLD);
    // the Kafka sink's topic has as many partitions as the discarding run assumes
    SimulationOptions options = SimulationOptions.defaults();
    long events =
        Simulator.run(world, options, EventSink.discard(), ProgressListener.NONE).totalEvents();
    long[] holds = new long[fractions.length];
    for (int i = 0; i < holds.length; i++) {
      holds[i] = Math.max(1, Math.round(events * fractions[i]));
      if (holds[i] >= events || (i > 0 && holds[i] <= holds[i - 1])) {
        throw new IllegalArgumentException("fractions must rise within the world");
      }
    }
    Semaphore released = new Semaphore(0);
    long[] sent = {0}; // the simulator's one thread counts
    int[] next = {0};
    Runnable hold =
        () -> {
          if (next[0] < holds.length && sent[0] == holds[next[0]]) {
            next[0]++;
            try {
              released.acquire();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException("interrupted while holding the world back", e);
            }
          }
          sent[0]++;
        };
    CompletableFuture<Void> done =
        CompletableFuture.runAsync(
            () -> {
              try (KafkaEventSink sink = new KafkaEventSink(client, Topics.WORLD_EVENTS)) {
                Simulator.run(
                    world, options, EventSink.checkedBy(sink, hold), ProgressListener.NONE);
              }
            });
    return new WorldFeed(done, released, holds.length);
  }

  /** Starts publishing the default world so that it takes {@code wallTime}. */
  static WorldFeed start(ClientConfig client, Duration wallTime) {
    World world = World.read(DEFAULT_WORLD);
    long simulatedMs = world.horizon().toEpochMilli() - world.startInstant().toEpochMilli();
    double speed = (double) simulatedMs / wallTime.toMillis();
    return new WorldFeed(
        CompletableFuture.runAsync(() -> publish(client, world, speed)), new Semaphore(0), 0);
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

  /** Lets a feed {@link #heldAt held} go on to its next hold, or to the end. */
  void release() {
    released.release();
  }

  /** Whether events are still being published. */
  boolean publishing() {
    return !done.isDone();
  }

  /** Waits until the whole world is published, rethrowing what stopped it. */
  void awaitPublished() throws Exception {
    done.get(5, TimeUnit.MINUTES);
  }

  /** Lets go of every hold, and waits until the whole world is published. */
  @Override
  public void close() throws Exception {
    released.release(holds);
    awaitPublished();
  }
}
