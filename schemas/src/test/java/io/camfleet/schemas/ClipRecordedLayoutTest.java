package io.camfleet.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.WorldEvent;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class ClipRecordedLayoutTest {
  /** Avro's general decoder only: the reference. */
  private static final AvroSerde<WorldEvent> GENERAL = AvroSerde.of(WorldEvent.class);

  private static final AvroSerde.FastReader<WorldEvent> READER = ClipRecordedLayout.reader();

  /** What the services decode world events with. */
  private static final Deserializer<WorldEvent> WORLD_EVENTS =
      Topics.WORLD_EVENTS.valueSerde().deserializer();

  private static final String[] ALPHABET = {
    "a", "Z", "0", "-", "~", "é", "ß", "東", "\uD83D\uDCF7", " ", "/"
  };

  @Test
  void readsEveryClipExactlyAsAvrosDecoder() {
    SplittableRandom random = new SplittableRandom(19);
    for (int i = 0; i < 5_000; i++) {
      WorldEvent event = new WorldEvent(extremeLong(random), clip(random));
      byte[] bytes = GENERAL.encode(event);
      WorldEvent fast = READER.read(bytes, 10);
      assertEquals(GENERAL.decode(bytes), fast, "record " + i);
      assertEquals(event, fast, "record " + i);
      assertEquals(event, WORLD_EVENTS.deserialize("world-events", bytes), "record " + i);
    }
  }

  @Test
  void leavesOtherEventsTruncatedAndLongerBytesToAvro() {
    byte[] tick = GENERAL.encode(new WorldEvent(5L, new ClockTick(1, false)));
    assertNull(READER.read(tick, 10));
    assertEquals(GENERAL.decode(tick), WORLD_EVENTS.deserialize("world-events", tick));

    byte[] clip = GENERAL.encode(new WorldEvent(5L, clip(new SplittableRandom(1))));
    for (int cut = 11; cut < clip.length; cut++) {
      byte[] truncated = Arrays.copyOf(clip, cut);
      assertNull(READER.read(truncated, 10), "cut at " + cut);
      // the general decoder reports what is wrong, as before
      assertThrows(
          SerializationException.class, () -> WORLD_EVENTS.deserialize("world-events", truncated));
    }
    assertNull(READER.read(Arrays.copyOf(clip, clip.length + 1), 10));
  }

  @Test
  void findsTheClipBranchOnlyInTheLayoutsSchema() {
    assertEquals(
        WorldEvent.getClassSchema()
            .getField("event")
            .schema()
            .getIndexNamed(ClipRecorded.getClassSchema().getFullName()),
        ClipRecordedLayout.clipBranch(WorldEvent.getClassSchema()));
    Schema withoutSize =
        SchemaBuilder.record("WorldEvent")
            .namespace("io.camfleet.avro")
            .fields()
            .requiredLong("eventTime")
            .name("event")
            .type()
            .unionOf()
            .record(ClipRecorded.getClassSchema().getFullName())
            .fields()
            .requiredString("clipId")
            .endRecord()
            .endUnion()
            .noDefault()
            .endRecord();
    assertEquals(-1, ClipRecordedLayout.clipBranch(withoutSize));
  }

  private static ClipRecorded clip(SplittableRandom random) {
    return new ClipRecorded(
        text(random),
        text(random),
        text(random),
        text(random),
        extremeLong(random),
        random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(-3, 600),
        extremeLong(random));
  }

  private static String text(SplittableRandom random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(4) == 0 ? random.nextInt(200) : random.nextInt(20);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return text.toString();
  }

  private static long extremeLong(SplittableRandom random) {
    return switch (random.nextInt(5)) {
      case 0 -> Long.MAX_VALUE - random.nextInt(3);
      case 1 -> Long.MIN_VALUE + random.nextInt(3);
      case 2 -> random.nextLong();
      default -> random.nextLong(-1_000, 2_000_000_000_000L);
    };
  }
}
