package io.camfleet.lab;

import io.camfleet.audit.EventLog;
import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.WorldEvent;
import io.camfleet.cli.ShutdownGuard;
import io.camfleet.report.WorldInfo;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.cli.TerminalProgress;
import io.camfleet.simulator.generate.ClipId;
import io.camfleet.simulator.generate.Generator;
import io.camfleet.simulator.sink.AvroFileSink;
import io.camfleet.simulator.sink.EventFileHeader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a run's events come from: the simulation of its world, or a recorded event log ({@code
 * --events}); with {@code --keep-events}, the same events also go to {@code events.avro} beside the
 * report, as {@code camfleet simulate --out-file} writes them.
 */
final class EventFeed {
  private final RunPlan plan;
  private final Optional<RecordedEvents> recorded;

  EventFeed(RunPlan plan) {
    this.plan = plan;
    this.recorded = plan.replay();
  }

  /** What the run is doing while the events go out, for the interrupted line. */
  String phase() {
    return recorded.isPresent() ? "the replay" : "the simulation";
  }

  /**
   * The partitions of world-events: those the recorded events were made for, else those asked for
   * (or the catalog's).
   */
  OptionalInt partitions() {
    return recorded.isPresent()
        ? OptionalInt.of(recorded.get().world().partitions())
        : plan.partitions();
  }

  /** The world the report describes. */
  WorldInfo worldInfo() throws IOException {
    EventFileHeader w =
        recorded.isPresent()
            ? recorded.get().world()
            : EventFileHeader.of(plan.world(), plan.worldFile(), SimulationOptions.defaults());
    return new WorldInfo(
        w.worldName(),
        w.seed(),
        w.cameras(),
        w.days(),
        w.start(),
        w.worldFile(),
        w.worldFileSha256());
  }

  /**
   * Sends every event to {@code kafka} (and to events.avro when kept), checking {@code guard}
   * before each; returns the number of events. The caller closes {@code kafka}.
   */
  long publish(EventSink kafka, ShutdownGuard guard, PrintStream err) throws IOException {
    WorldInfo world = worldInfo();
    AvroFileSink kept = null;
    if (plan.keepEvents()) {
      EventFileHeader header =
          new EventFileHeader(
              world.name(),
              world.seed(),
              world.cameras(),
              world.days(),
              world.start(),
              world.worldFile(),
              world.worldFileSha256(),
              kafka.partitions().orElse(SimulationOptions.defaults().partitions()),
              "1/1");
      kept = new AvroFileSink(keptEventsIn(plan.out()), header.toMetadata());
    }
    EventSink checked = EventSink.checkedBy(kept == null ? kafka : both(kafka, kept), guard::check);
    try {
      if (recorded.isPresent()) {
        err.printf("Replaying %s (sha256 %s)...%n", recorded.get().file(), recorded.get().sha256());
        TerminalProgress progress = TerminalProgress.onStderr(world.days());
        long events = recorded.get().publish(checked, progress);
        progress.finished(null);
        return events;
      }
      return Simulator.runAll(
              plan.worlds(),
              plan.runs(),
              SimulationOptions.defaults(),
              checked,
              TerminalProgress.onStderr(plan.world().days()))
          .totalEvents();
    } finally {
      if (kept != null) {
        // renamed into place only if nothing aborted it
        kept.close();
      }
    }
  }

  /** Where {@code --keep-events} writes the events. */
  static Path keptEventsIn(Path out) {
    return out.resolve(EventLog.FILE_NAME);
  }

  /** Every event to both sinks; an abort reaches both; closing is left to the owners. */
  private static EventSink both(EventSink kafka, EventSink file) {
    return new EventSink() {
      @Override
      public void send(String key, Integer partition, WorldEvent event) {
        kafka.send(key, partition, event);
        file.send(key, partition, event);
      }

      @Override
      public Generator.CameraParts cameraParts(
          String key, String cameraId, String householdId, String region) {
        return kafka.cameraParts(key, cameraId, householdId, region);
      }

      @Override
      public void sendClip(String key, WorldEvent event, Generator.CameraParts parts, ClipId id) {
        kafka.sendClip(key, event, parts, id);
        ((ClipRecorded) event.getEvent()).setClipId(id.text());
        file.send(key, null, event);
      }

      @Override
      public void abort() {
        kafka.abort();
        file.abort();
      }

      @Override
      public OptionalInt partitions() {
        return kafka.partitions();
      }

      @Override
      public void close() {}
    };
  }
}
