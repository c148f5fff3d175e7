package io.camfleet.schemas;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.WorldEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Type;

/**
 * The binary body of a {@link WorldEvent} holding a {@link ClipRecorded}, about nine events in ten,
 * as Avro writes it: the event time, the union branch, then the clip's seven fields in order (four
 * strings, a long, an int, a long), with zig-zag varints and length-prefixed UTF-8.
 *
 * <p>The simulator writes these bytes by hand and the services read them by hand ({@link
 * #reader()}), because Avro's general writer and reader resolve a field, a schema switch and a
 * union per value: on fleet-100k the writer took about half of the simulating thread, and the
 * reader a quarter of the sharing service's. Both check here, once, that the schema is the one this
 * layout describes; for any other schema they leave every record to Avro.
 */
public final class ClipRecordedLayout {
  private static final List<String> CLIP_FIELDS =
      List.of(
          "clipId",
          "cameraId",
          "householdId",
          "region",
          "recordedAt",
          "durationSeconds",
          "sizeBytes");
  private static final List<Type> CLIP_TYPES =
      List.of(Type.STRING, Type.STRING, Type.STRING, Type.STRING, Type.LONG, Type.INT, Type.LONG);

  private ClipRecordedLayout() {}

  /**
   * The branch of ClipRecorded in the event union, if the schema is a long {@code eventTime} and
   * that union, and ClipRecorded has exactly the fields of this layout; -1 otherwise.
   */
  public static int clipBranch(Schema schema) {
    List<Schema.Field> fields = schema.getFields();
    if (fields.size() != 2
        || !fields.get(0).name().equals("eventTime")
        || fields.get(0).schema().getType() != Type.LONG
        || !fields.get(1).name().equals("event")
        || fields.get(1).schema().getType() != Type.UNION) {
      return -1;
    }
    Schema union = fields.get(1).schema();
    Integer branch = union.getIndexNamed(ClipRecorded.getClassSchema().getFullName());
    if (branch == null) {
      return -1;
    }
    List<Schema.Field> clip = union.getTypes().get(branch).getFields();
    if (clip.size() != CLIP_FIELDS.size()) {
      return -1;
    }
    for (int i = 0; i < clip.size(); i++) {
      if (!clip.get(i).name().equals(CLIP_FIELDS.get(i))
          || clip.get(i).schema().getType() != CLIP_TYPES.get(i)) {
        return -1;
      }
    }
    return branch;
  }

  /**
   * Reads a ClipRecorded event written with the current {@link WorldEvent} schema; declines (null)
   * every other event, bytes that do not end exactly after the clip, and any malformed value, so
   * that Avro's general decoder decodes them or reports what is wrong. Declines everything if the
   * current schema is not this layout's.
   */
  public static AvroSerde.FastReader<WorldEvent> reader() {
    int branch = clipBranch(WorldEvent.getClassSchema());
    return branch < 0 ? (bytes, offset) -> null : new Reader(branch);
  }

  /** A cursor over one record's bytes; a malformed value makes it invalid. */
  private static final class Reader implements AvroSerde.FastReader<WorldEvent> {
    private final int branch;

    Reader(int branch) {
      this.branch = branch;
    }

    @Override
    public WorldEvent read(byte[] bytes, int bodyOffset) {
      Cursor in = new Cursor(bytes, bodyOffset);
      long eventTime = in.readLong();
      if (in.readInt() != branch || !in.valid) {
        return null;
      }
      String clipId = in.readString();
      String cameraId = in.readString();
      String householdId = in.readString();
      String region = in.readString();
      long recordedAt = in.readLong();
      int durationSeconds = in.readInt();
      long sizeBytes = in.readLong();
      if (!in.valid || in.at != bytes.length) {
        return null;
      }
      return new WorldEvent(
          eventTime,
          new ClipRecorded(
              clipId, cameraId, householdId, region, recordedAt, durationSeconds, sizeBytes));
    }
  }

  private static final class Cursor {
    private final byte[] bytes;
    int at;
    boolean valid = true;

    Cursor(byte[] bytes, int at) {
      this.bytes = bytes;
      this.at = at;
    }

    /** A zig-zag varint of at most ten bytes. */
    long readLong() {
      long raw = 0;
      for (int shift = 0; shift < 70; shift += 7) {
        if (at >= bytes.length) {
          valid = false;
          return 0;
        }
        byte b = bytes[at++];
        raw |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return (raw >>> 1) ^ -(raw & 1);
        }
      }
      valid = false;
      return 0;
    }

    int readInt() {
      long value = readLong();
      if (value != (int) value) {
        valid = false;
        return 0;
      }
      return (int) value;
    }

    String readString() {
      int length = readInt();
      if (!valid || length < 0 || length > bytes.length - at) {
        valid = false;
        return null;
      }
      String text = new String(bytes, at, length, StandardCharsets.UTF_8);
      at += length;
      return text;
    }
  }
}
