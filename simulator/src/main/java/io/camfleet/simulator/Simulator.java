package io.camfleet.simulator;

import io.camfleet.avro.RequestAnswer;
import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.Runs;
import io.camfleet.simulator.generate.ClipId;
import io.camfleet.simulator.generate.Generator;
import io.camfleet.simulator.world.World;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a world into a sink: the pure {@link Generator} makes the events, this class paces them
 * against real time when asked, counts them and reports progress.
 */
public final class Simulator {
  private Simulator() {}

  /** Avro record names of the world's events, in the schema's order. */
  public static final List<String> EVENT_TYPES = Generator.EVENT_TYPES;

  private static final int ANSWER = EVENT_TYPES.indexOf("RequestAnswer");
  private static final int CLIP = EVENT_TYPES.indexOf("ClipRecorded");
  private static final long REPORT_EVERY_NANOS = 250_000_000L;
  private static final long DAY_MS = 86_400_000L;

  /**
   * Runs the world (or the options' shard of it) into {@code sink}, on the partitions of the sink's
   * topic when it has one; on failure the sink is aborted and the error rethrown.
   *
   * @throws IllegalArgumentException if the options' shards are more than the sink's partitions
   */
  public static SimulationSummary run(
      World world, SimulationOptions options, EventSink sink, ProgressListener progress) {
    return run(world, options, sink, progress, WallClock.SYSTEM);
  }

  static SimulationSummary run(
      World world,
      SimulationOptions options,
      EventSink sink,
      ProgressListener progress,
      WallClock clock) {
    int partitions = sink.partitions().orElse(options.partitions());
    Generator generator =
        new Generator(world, options.shardIndex(), options.shardCount(), partitions);
    return run(world, options, sink, progress, clock, generator::run);
  }

  /**
   * Runs several runs of one world ({@code worlds.get(i)} is run {@code runs.get(i)}, the same
   * world under another seed, say) into {@code sink} as one stream, merged in event time with one
   * clock (see {@link Runs}); the summary counts every run's events. One run named {@link
   * Runs#SINGLE} is exactly {@link #run}.
   */
  public static SimulationSummary runAll(
      List<World> worlds,
      List<String> runs,
      SimulationOptions options,
      EventSink sink,
      ProgressListener progress) {
    if (runs.equals(Runs.ONLY) && worlds.size() == 1) {
      return run(worlds.get(0), options, sink, progress);
    }
    int partitions = sink.partitions().orElse(options.partitions());
    RunMerge merge =
        new RunMerge(
            worlds,
            runs,
            new SimulationOptions(
                options.shardIndex(), options.shardCount(), options.speed(), partitions));
    return run(worlds.get(0), options, sink, progress, WallClock.SYSTEM, merge::run);
  }

  private static SimulationSummary run(
      World world,
      SimulationOptions options,
      EventSink sink,
      ProgressListener progress,
      WallClock clock,
      Consumer<Generator.Emitter> events) {
    Pump pump =
        new Pump(world.startInstant().toEpochMilli(), options.speed(), sink, progress, clock);
    try {
      events.accept(pump);
    } catch (RuntimeException | Error e) {
      sink.abort();
      throw e;
    }
    long wallNanos = clock.nanoTime() - pump.startNanos;
    progress.progress(world.days(), pump.events, pump.events / Math.max(1e-9, wallNanos / 1e9));
    Map<String, Long> byType = new LinkedHashMap<>();
    for (int i = 0; i < EVENT_TYPES.size(); i++) {
      byType.put(EVENT_TYPES.get(i), pump.byType[i]);
    }
    SimulationSummary summary =
        new SimulationSummary(
            byType,
            pump.byType[2],
            pump.byType[3],
            Map.of(
                "SHARED", pump.answers[0], "DECLINED", pump.answers[1], "IGNORED", pump.answers[2]),
            pump.byType[5],
            pump.byType[6],
            world.startInstant(),
            world.horizon(),
            Duration.ofNanos(wallNanos));
    progress.finished(summary);
    return summary;
  }

  /** Counts, paces and forwards each event to the sink. */
  private static final class Pump implements Generator.Emitter {
    final long[] byType = new long[EVENT_TYPES.size()];
    final long[] answers = new long[3];
    final long simulatedStart;
    final double speed;
    final EventSink sink;
    final ProgressListener progress;
    final WallClock clock;
    final long startNanos;
    long events;
    long lastReportNanos;
    long lastReportEvents;

    Pump(
        long simulatedStart,
        double speed,
        EventSink sink,
        ProgressListener progress,
        WallClock clock) {
      this.simulatedStart = simulatedStart;
      this.speed = speed;
      this.sink = sink;
      this.progress = progress;
      this.clock = clock;
      this.startNanos = clock.nanoTime();
      this.lastReportNanos = startNanos;
    }

    @Override
    public void emit(String key, int partition, WorldEvent event) {
      emit(key, partition, Generator.typeOf(event.getEvent()), event);
    }

    @Override
    public void emit(String key, int partition, int type, WorldEvent event) {
      byType[type]++;
      if (type == ANSWER) {
        answers[((RequestAnswer) event.getEvent()).getAnswer().ordinal()]++;
      }
      if (speed > 0) {
        pace(event.getEventTime());
      }
      sink.send(key, partition < 0 ? null : Integer.valueOf(partition), event);
      sent(event);
    }

    @Override
    public Generator.CameraParts cameraParts(
        String key, String cameraId, String householdId, String region) {
      return sink.cameraParts(key, cameraId, householdId, region);
    }

    @Override
    public void emitClip(String key, WorldEvent event, Generator.CameraParts parts, ClipId id) {
      byType[CLIP]++;
      if (speed > 0) {
        pace(event.getEventTime());
      }
      sink.sendClip(key, event, parts, id);
      sent(event);
    }

    private void sent(WorldEvent event) {
      events++;
      if (speed > 0 || (events & 4095) == 0) {
        long now = clock.nanoTime();
        if (now - lastReportNanos >= REPORT_EVERY_NANOS) {
          report(event.getEventTime(), now);
        }
      }
    }

    /** Waits until real time has caught up with the event, reporting progress while it waits. */
    private void pace(long eventTime) {
      long due = startNanos + (long) ((eventTime - simulatedStart) * 1_000_000.0 / speed);
      while (true) {
        long now = clock.nanoTime();
        if (now >= due) {
          return;
        }
        try {
          clock.sleepNanos(Math.min(due - now, REPORT_EVERY_NANOS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while pacing the simulation", e);
        }
        long after = clock.nanoTime();
        if (after - lastReportNanos >= REPORT_EVERY_NANOS) {
          report(eventTime, after);
        }
      }
    }

    private void report(long eventTime, long now) {
      double seconds = (now - lastReportNanos) / 1e9;
      double rate = (events - lastReportEvents) / seconds;
      progress.progress((int) ((eventTime - simulatedStart) / DAY_MS), events, rate);
      lastReportNanos = now;
      lastReportEvents = events;
    }
  }
}
