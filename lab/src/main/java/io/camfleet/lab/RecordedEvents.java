package io.camfleet.lab;

import io.camfleet.audit.EventLog;
import io.camfleet.avro.CameraInstalled;
import io.camfleet.avro.CameraMapped;
import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.CopyMade;
import io.camfleet.avro.LegalHold;
import io.camfleet.avro.PoliceRequest;
import io.camfleet.avro.RequestAnswer;
import io.camfleet.avro.RequestNotification;
import io.camfleet.avro.WorldEvent;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.sink.EventFileHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A recorded event log that {@code camfleet run --events FILE} enforces the policies on instead of
 * a simulation: the world it came from (its file's metadata, or else worked out from its events),
 * the file's SHA-256, and its events published with the keys and partitions the simulator gives
 * them.
 */
record RecordedEvents(Path file, String sha256, EventFileHeader world) {
  private static final long DAY_MS = 86_400_000L;

  /**
   * Opens and checks {@code file}: an event log of a whole world.
   *
   * @throws IllegalArgumentException naming the file when it is not one
   */
  static RecordedEvents open(Path file) throws IOException {
    EventFileHeader world;
    try (EventLog log = EventLog.open(file)) {
      world = log.header().isPresent() ? log.header().get() : workedOut(file, log);
    }
    if (!world.wholeWorld()) {
      throw new IllegalArgumentException(
          file
              + " holds shard "
              + world.shard()
              + " of world "
              + world.worldName()
              + "; --events replays a whole world");
    }
    return new RecordedEvents(file, sha256(file), world);
  }

  /**
   * The world of a log whose metadata does not name it: its start is the first event's day, its
   * horizon the final clock tick, its partitions those the ticks were written for, and its name the
   * file's; the seed is unknown (0) and the file stands in for the world file.
   */
  private static EventFileHeader workedOut(Path file, EventLog log) throws IOException {
    long first = Long.MAX_VALUE;
    long horizon = Long.MIN_VALUE;
    int cameras = 0;
    int partitions = 0;
    for (WorldEvent e = log.next(); e != null; e = log.next()) {
      first = Math.min(first, e.getEventTime());
      if (e.getEvent() instanceof CameraInstalled) {
        cameras++;
      } else if (e.getEvent() instanceof ClockTick tick) {
        partitions = Math.max(partitions, tick.getPartition() + 1);
        if (tick.getLast()) {
          horizon = Math.max(horizon, e.getEventTime());
        }
      }
    }
    if (horizon == Long.MIN_VALUE || cameras == 0) {
      throw new IllegalArgumentException(
          file + " has no final clock tick or no camera: it is not a whole world's event log");
    }
    LocalDate start = Instant.ofEpochMilli(first).atZone(ZoneOffset.UTC).toLocalDate();
    long startMs = start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    int days = (int) Math.max(1, (horizon - startMs + DAY_MS - 1) / DAY_MS);
    String stem = file.getFileName().toString().replaceFirst("\\.avro$", "");
    String name = stem.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    return new EventFileHeader(
        name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0)) ? "replay" : name,
        0,
        cameras,
        days,
        start.toString(),
        file.toString(),
        sha256(file),
        partitions,
        "1/1");
  }

  /**
   * Publishes every event to {@code sink} in file order, telling {@code progress} the simulated day
   * reached; returns the number of events.
   */
  long publish(EventSink sink, ProgressListener progress) {
    long startMs =
        LocalDate.parse(world.start()).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    long events = 0;
    long began = System.nanoTime();
    try (EventLog log = EventLog.open(file)) {
      for (WorldEvent e = log.next(); e != null; e = log.next()) {
        Integer partition =
            e.getEvent() instanceof ClockTick tick ? Integer.valueOf(tick.getPartition()) : null;
        sink.send(keyOf(e), partition, e);
        events++;
        if ((events & 4095) == 0) {
          double seconds = (System.nanoTime() - began) / 1e9;
          progress.progress(
              (int) ((e.getEventTime() - startMs) / DAY_MS),
              events,
              events / Math.max(seconds, 1e-9));
        }
      }
    } catch (RuntimeException e) {
      sink.abort();
      throw e;
    }
    return events;
  }

  /**
   * The key the simulator gives an event on world-events: the request id of a police request,
   * {@code tick-<partition>} for a clock tick, the camera id otherwise.
   */
  static String keyOf(WorldEvent event) {
    Object body = event.getEvent();
    if (body instanceof ClipRecorded e) {
      return e.getCameraId();
    } else if (body instanceof ClockTick e) {
      return "tick-" + e.getPartition();
    } else if (body instanceof PoliceRequest e) {
      return e.getRequestId();
    } else if (body instanceof CameraInstalled e) {
      return e.getCameraId();
    } else if (body instanceof RequestNotification e) {
      return e.getCameraId();
    } else if (body instanceof RequestAnswer e) {
      return e.getCameraId();
    } else if (body instanceof ClipShared e) {
      return e.getCameraId();
    } else if (body instanceof CopyMade e) {
      return e.getCameraId();
    } else if (body instanceof LegalHold e) {
      return e.getCameraId();
    } else if (body instanceof CameraMapped e) {
      return e.getCameraId();
    }
    throw new IllegalArgumentException("an event of unknown type " + body.getClass().getName());
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
