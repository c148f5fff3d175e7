package io.camfleet.simulator.sink;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.AvroSerde;
import io.camfleet.schemas.ClipRecordedLayout;
import io.camfleet.simulator.generate.ClipId;
import io.camfleet.simulator.generate.Generator;
import io.camfleet.simulator.generate.Partitions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A world event's value bytes, exactly as {@link AvroSerde} writes them (Avro single-object
 * encoding of the current {@link WorldEvent} schema), with a hand-written path for {@link
 * ClipRecorded}, about nine events in ten, in {@link ClipRecordedLayout}.
 *
 * <p>Why: profiled on fleet-100k, Avro's generic writer took about half of the simulating thread's
 * time (a field lookup, a schema switch and a union resolution per field, a byte array per string,
 * varints a byte at a time). This path writes the same bytes straight into one array. It is used
 * only while the WorldEvent schema is the layout's ({@link ClipRecordedLayout#clipBranch}, checked
 * when it is built); any other schema, and every other event type, goes through the general
 * serializer, which also encodes the first event so that the schema is registered before any record
 * leaves.
 */
final class WorldEventBytes {
  private final Serializer<WorldEvent> general;
  private final byte[] header;
  // the ClipRecorded branch of the event union; -1 when the schema is not the one written for here
  private final int clipBranch;
  private byte[] scratch = new byte[512];
  private boolean registered;

  WorldEventBytes(Serializer<WorldEvent> general) {
    this(general, WorldEvent.getClassSchema());
  }

  WorldEventBytes(Serializer<WorldEvent> general, Schema schema) {
    this.general = general;
    this.header = AvroSerde.singleObjectHeader(schema);
    this.clipBranch = ClipRecordedLayout.clipBranch(schema);
  }

  /** Whether ClipRecorded events take the hand-written path. */
  boolean fast() {
    return clipBranch >= 0;
  }

  /** Whether the next ClipRecorded may be written by hand: the schema is registered and fits. */
  boolean ready() {
    return registered && clipBranch >= 0;
  }

  byte[] encode(String topic, WorldEvent event) {
    if (!ready() || !(event.getEvent() instanceof ClipRecorded clip)) {
      registered = true;
      return general.serialize(topic, event);
    }
    byte[] b =
        clipStart(
            event.getEventTime(),
            maxString(clip.getClipId())
                + maxString(clip.getCameraId())
                + maxString(clip.getHouseholdId())
                + maxString(clip.getRegion()));
    int at = string(b, clipAt, clip.getClipId());
    at = string(b, at, clip.getCameraId());
    at = string(b, at, clip.getHouseholdId());
    at = string(b, at, clip.getRegion());
    return clipEnd(b, at, clip);
  }

  /**
   * A ClipRecorded event of {@code camera}'s with the clip id {@code id} (the event's own is not
   * read), whose camera, household and region fields are those the camera's parts hold; only when
   * {@link #ready}.
   */
  byte[] encodeClip(WorldEvent event, Camera camera, ClipId id) {
    ClipRecorded clip = (ClipRecorded) event.getEvent();
    byte[] fields = camera.fields;
    int idLength = id.utf8Length();
    byte[] b = clipStart(event.getEventTime(), 5 + idLength + fields.length);
    int at = id.writeUtf8(b, varLong(b, clipAt, idLength));
    System.arraycopy(fields, 0, b, at, fields.length);
    return clipEnd(b, at + fields.length, clip);
  }

  // where clipStart left off
  private int clipAt;

  /**
   * The scratch array, holding the header, event time and branch, with room for {@code stringsMax}
   * bytes of the four strings after them ({@link #clipAt}) and the three numbers.
   */
  private byte[] clipStart(long eventTime, int stringsMax) {
    int max = header.length + 10 * 5 + stringsMax;
    if (scratch.length < max) {
      scratch = new byte[Math.max(max, scratch.length * 2)];
    }
    byte[] b = scratch;
    System.arraycopy(header, 0, b, 0, header.length);
    int at = header.length;
    at = varLong(b, at, eventTime);
    clipAt = varLong(b, at, clipBranch);
    return b;
  }

  private static byte[] clipEnd(byte[] b, int at, ClipRecorded clip) {
    at = varLong(b, at, clip.getRecordedAt());
    at = varLong(b, at, clip.getDurationSeconds());
    at = varLong(b, at, clip.getSizeBytes());
    return Arrays.copyOf(b, at);
  }

  /**
   * What a camera's clip records share, worked out once: the key's bytes (the sink's key serializer
   * made them), the partition the producer's built-in partitioner gives them, and the camera,
   * household and region fields as this layout writes them.
   *
   * <p>Why: on fleet-100k, reading each clip's camera and household text from 100,000 cameras'
   * strings cost cache misses on the simulating thread, and hashing each key a fifth of the sending
   * thread; one small array per camera costs one miss, and the partition none.
   */
  static final class Camera implements Generator.CameraParts {
    private final byte[] key;
    private final int partition;
    private final byte[] fields;

    Camera(byte[] key, int partitions, String cameraId, String householdId, String region) {
      this.key = key;
      this.partition = Partitions.ofKey(key, partitions);
      byte[] b = new byte[maxString(cameraId) + maxString(householdId) + maxString(region)];
      int at = string(b, 0, cameraId);
      at = string(b, at, householdId);
      at = string(b, at, region);
      this.fields = Arrays.copyOf(b, at);
    }

    byte[] key() {
      return key;
    }

    int partition() {
      return partition;
    }
  }

  /** At most the bytes a string takes: its length's varint and three bytes a char. */
  private static int maxString(String s) {
    return 5 + 3 * s.length();
  }

  /**
   * Avro's zig-zag varint; an int's encoding is the same as that of the equal long, so ints (union
   * branches, lengths) use it too.
   */
  private static int varLong(byte[] b, int at, long n) {
    long v = (n << 1) ^ (n >> 63);
    while ((v & ~0x7FL) != 0) {
      b[at++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[at++] = (byte) v;
    return at;
  }

  /** Avro's string: the UTF-8 length, then the UTF-8 bytes; ASCII copied a char at a time. */
  private static int string(byte[] b, int at, String s) {
    int length = s.length();
    int start = varLong(b, at, length);
    int i = 0;
    for (; i < length; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      b[start + i] = (byte) c;
    }
    if (i == length) {
      return start + length;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    int after = varLong(b, at, utf8.length);
    System.arraycopy(utf8, 0, b, after, utf8.length);
    return after + utf8.length;
  }
}
