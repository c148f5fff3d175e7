package io.camfleet.simulator;

import io.camfleet.avro.ClockTick;
import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.Runs;
import io.camfleet.simulator.generate.Generator;
import io.camfleet.simulator.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Several runs of one world (the same world under several seeds) as one stream of events: each
 * run's generator works in a thread of its own, and their events are merged in event time, so the
 * topic's stream time moves forward as it does for one run. At equal event times the order is each
 * run's own (runs in list order) with the clock ticks last, as within one run; the runs share one
 * clock, so only the first run's ticks are kept (every run's world has the same start, tick and
 * horizon). Deterministic: the merged order depends on the events alone, never on the threads.
 */
final class RunMerge {
  private static final int BATCH = 1024;
  private static final int QUEUED_BATCHES = 4;

  private final List<World> worlds;
  private final List<String> runs;
  private final SimulationOptions options;

  RunMerge(List<World> worlds, List<String> runs, SimulationOptions options) {
    if (worlds.isEmpty() || worlds.size() != runs.size()) {
      throw new IllegalArgumentException("one world for each run, and at least one run");
    }
    World first = worlds.get(0);
    for (World world : worlds) {
      if (!world.startInstant().equals(first.startInstant())
          || !world.horizon().equals(first.horizon())
          || world.tickMinutes() != first.tickMinutes()) {
        throw new IllegalArgumentException(
            "the runs of one topic share their start, ticks and horizon");
      }
    }
    runs.forEach(Runs::requireValid);
    if (runs.stream().distinct().count() != runs.size()) {
      throw new IllegalArgumentException("two runs have one name: " + runs);
    }
    this.worlds = List.copyOf(worlds);
    this.runs = List.copyOf(runs);
    this.options = options;
  }

  /** Emits every run's events, merged, to {@code out}; rethrows a generator's failure. */
  void run(Generator.Emitter out) {
    List<Feed> feeds = new ArrayList<>();
    try {
      for (int i = 0; i < runs.size(); i++) {
        feeds.add(new Feed(i, worlds.get(i), runs.get(i), i == 0));
      }
      PriorityQueue<Feed> heads = new PriorityQueue<>();
      for (Feed feed : feeds) {
        if (feed.advance()) {
          heads.add(feed);
        }
      }
      while (!heads.isEmpty()) {
        Feed feed = heads.poll();
        out.emit(feed.key(), feed.partition(), feed.event());
        if (feed.advance()) {
          heads.add(feed);
        }
      }
    } finally {
      feeds.forEach(Feed::stop);
    }
  }

  /** Events a generator made, copied, in its order. */
  private record Batch(String[] keys, int[] partitions, WorldEvent[] events, int size) {}

  /** One run's events as they come from its generator's thread. */
  private final class Feed implements Comparable<Feed> {
    private static final Batch END = new Batch(new String[0], new int[0], new WorldEvent[0], 0);

    private final int index;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final Thread thread;
    private Batch batch;
    private int at;

    Feed(int index, World world, String run, boolean keepsTicks) {
      this.index = index;
      Generator generator =
          new Generator(
              world, options.shardIndex(), options.shardCount(), options.partitions(), run);
      this.thread =
          new Thread(() -> generate(generator, keepsTicks), "camfleet-simulator-run-" + run);
      thread.setDaemon(true);
      thread.start();
    }

    private void generate(Generator generator, boolean keepsTicks) {
      Batch[] filling = {newBatch()};
      int[] size = {0};
      try {
        generator.run(
            (key, partition, event) -> {
              if (!keepsTicks && event.getEvent() instanceof ClockTick) {
                return;
              }
              Batch b = filling[0];
              b.keys()[size[0]] = key;
              b.partitions()[size[0]] = partition;
              b.events()[size[0]] = WorldEvent.newBuilder(event).build();
              if (++size[0] == BATCH) {
                put(b);
                filling[0] = newBatch();
                size[0] = 0;
              }
            });
        Batch last = filling[0];
        put(new Batch(last.keys(), last.partitions(), last.events(), size[0]));
        put(END);
      } catch (Stopped e) {
        // the merge ended first: nothing more to make
      } catch (RuntimeException | Error e) {
        try {
          queue.put(e);
        } catch (InterruptedException stopped) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private Batch newBatch() {
      return new Batch(new String[BATCH], new int[BATCH], new WorldEvent[BATCH], BATCH);
    }

    private void put(Batch b) {
      try {
        queue.put(b);
      } catch (InterruptedException e) {
        throw new Stopped();
      }
    }

    /** Moves to this run's next event; false when the run has no more. */
    boolean advance() {
      at++;
      while (batch == null || at >= batch.size()) {
        if (batch == END) {
          return false;
        }
        Object next;
        try {
          next = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while merging the runs' events", e);
        }
        if (next instanceof RuntimeException e) {
          throw e;
        }
        if (next instanceof Error e) {
          throw e;
        }
        batch = (Batch) next;
        at = 0;
        if (batch == END) {
          return false;
        }
      }
      return true;
    }

    String key() {
      return batch.keys()[at];
    }

    int partition() {
      return batch.partitions()[at];
    }

    WorldEvent event() {
      return batch.events()[at];
    }

    void stop() {
      thread.interrupt();
    }

    @Override
    public int compareTo(Feed other) {
      int byTime = Long.compare(event().getEventTime(), other.event().getEventTime());
      if (byTime != 0) {
        return byTime;
      }
      int byTick =
          Boolean.compare(
              event().getEvent() instanceof ClockTick,
              other.event().getEvent() instanceof ClockTick);
      return byTick != 0 ? byTick : Integer.compare(index, other.index);
    }
  }

  /** Ends a generator's thread once the merge no longer reads it. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }
}
