package io.camfleet.simulator;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.WorldEvent;
import io.camfleet.simulator.generate.ClipId;
import io.camfleet.simulator.generate.Generator;
import java.util.OptionalInt;

/**
 * Where the simulator's events go: Kafka, an Avro file, or anything a test passes. The simulator
 * reuses one event object from call to call, so a sink must write or copy the event before it
 * returns (a sink that keeps events copies them, e.g. {@code
 * WorldEvent.newBuilder(event).build()}).
 */
public interface EventSink extends AutoCloseable {

  /**
   * Sends one event with its key; {@code partition} is null to let the key choose the partition
   * (Kafka's default partitioner), or the explicit partition of a clock tick.
   */
  void send(String key, Integer partition, WorldEvent event);

  /**
   * What this sink keeps for the clip events of one camera, which all share their key, camera,
   * household and region (their bytes, encoded once, say), or null; the simulator asks once per
   * camera and hands the answer back with each of the camera's clips ({@link #sendClip}).
   */
  default Generator.CameraParts cameraParts(
      String key, String cameraId, String householdId, String region) {
    return null;
  }

  /**
   * Sends a {@link ClipRecorded} event with the default partitioner. Its clip id is {@code id}, not
   * in the event (null there), so that a sink that writes bytes need not make its text; {@code
   * parts} is what {@link #cameraParts} returned for its camera. By default the event, with its id,
   * goes to {@link #send}.
   */
  default void sendClip(String key, WorldEvent event, Generator.CameraParts parts, ClipId id) {
    ((ClipRecorded) event.getEvent()).setClipId(id.text());
    send(key, null, event);
  }

  /**
   * Called instead of a successful finish when the run fails: a sink that commits on close (the
   * file sink) discards its output. {@link #close()} is still called afterwards.
   */
  default void abort() {}

  /**
   * The partitions of the topic this sink writes to, when it has one: the simulator then runs the
   * world on that count (a clock tick to each partition), whatever its options say.
   */
  default OptionalInt partitions() {
    return OptionalInt.empty();
  }

  /** Flushes and releases the sink; throws if an event could not be delivered. */
  @Override
  void close();

  /**
   * {@code sink}, with {@code check} run before each event: a check that throws (a stop asked for
   * by Ctrl-C, say) ends the run there, and the simulator then aborts the sink.
   */
  static EventSink checkedBy(EventSink sink, Runnable check) {
    return new EventSink() {
      @Override
      public void send(String key, Integer partition, WorldEvent event) {
        check.run();
        sink.send(key, partition, event);
      }

      @Override
      public Generator.CameraParts cameraParts(
          String key, String cameraId, String householdId, String region) {
        return sink.cameraParts(key, cameraId, householdId, region);
      }

      @Override
      public void sendClip(String key, WorldEvent event, Generator.CameraParts parts, ClipId id) {
        check.run();
        sink.sendClip(key, event, parts, id);
      }

      @Override
      public void abort() {
        sink.abort();
      }

      @Override
      public OptionalInt partitions() {
        return sink.partitions();
      }

      @Override
      public void close() {
        sink.close();
      }
    };
  }

  /** A sink that drops every event, for benchmarks. */
  static EventSink discard() {
    return new EventSink() {
      @Override
      public void send(String key, Integer partition, WorldEvent event) {}

      @Override
      public void close() {}
    };
  }
}
