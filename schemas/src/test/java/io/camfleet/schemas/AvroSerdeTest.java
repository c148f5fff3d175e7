package io.camfleet.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.ClipShared;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.RequestTerms;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.WorldEvent;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private static final AvroSerde<WorldEvent> SERDE = AvroSerde.of(WorldEvent.class);

  private static WorldEvent policeShare() {
    return WorldEvent.newBuilder()
        .setEventTime(1_000L)
        .setEvent(
            ClipShared.newBuilder()
                .setCopyId("copy-1")
                .setClipId("clip-1")
                .setCameraId("cam-1")
                .setHouseholdId("home-1")
                .setClipRecordedAt(500L)
                .setRegion("US")
                .setChannel(ShareChannel.POLICE_REQUEST)
                .setRecipientId("agency-1")
                .setHolderType(HolderType.REQUESTING_POLICE)
                .setAddressDisclosed(true)
                .setRequest(new RequestTerms("req-1", 0L, 900L, 0.4, 950L, 0.1))
                .build())
        .build();
  }

  @Test
  void roundTripsEveryFieldThroughSingleObjectEncoding() {
    WorldEvent event = policeShare();
    byte[] bytes = SERDE.serializer().serialize("t", event);
    assertEquals((byte) 0xC3, bytes[0], "single-object marker");
    assertEquals((byte) 0x01, bytes[1], "single-object version");
    assertEquals(event, SERDE.deserializer().deserialize("t", bytes));
  }

  @Test
  void encodesTheSameBytesAsAvrosSingleObjectEncoder() throws Exception {
    WorldEvent event = policeShare();
    ByteBuffer encoded = WorldEvent.getEncoder().encode(event);
    byte[] avros = new byte[encoded.remaining()];
    encoded.get(avros);
    assertArrayEquals(avros, SERDE.serializer().serialize("t", event));
    assertArrayEquals(
        avros,
        SERDE.serializer().serialize("t", event),
        "the reused buffer holds nothing of the previous record");
  }

  @Test
  void decodesRecordsWrittenWithAnOlderSchemaVersion() {
    // The older version had no request terms on a share; the current one defaults them to null.
    Schema current = WorldEvent.getClassSchema();
    String olderJson =
        current
            .toString()
            .replace(
                ",{\"name\":\"request\",\"type\":[\"null\",",
                ",{\"name\":\"requestRemoved\",\"type\":[\"null\",");
    Schema older = new Schema.Parser().parse(dropField(olderJson));
    AvroSerde<WorldEvent> serde = AvroSerde.withHistory(WorldEvent.class, List.of(older));

    GenericRecord share =
        new GenericData.Record(
            older.getField("event").schema().getTypes().stream()
                .filter(s -> s.getName().equals("ClipShared"))
                .findFirst()
                .orElseThrow());
    Schema shareSchema = share.getSchema();
    share.put("copyId", "copy-1");
    share.put("clipId", "clip-1");
    share.put("cameraId", "cam-1");
    share.put("householdId", "home-1");
    share.put("clipRecordedAt", 500L);
    share.put("region", "US");
    share.put(
        "channel",
        new GenericData.EnumSymbol(shareSchema.getField("channel").schema(), "NEIGHBOURHOOD_POST"));
    share.put("recipientId", "feed-1");
    share.put(
        "holderType",
        new GenericData.EnumSymbol(
            shareSchema.getField("holderType").schema(), "NEIGHBOURHOOD_FEED"));
    share.put("addressDisclosed", false);
    GenericRecord event = new GenericData.Record(older);
    event.put("eventTime", 7L);
    event.put("event", share);
    byte[] bytes = GenericEncoding.encode(older, event);

    WorldEvent decoded = serde.decode(bytes);
    assertEquals(7L, decoded.getEventTime());
    ClipShared decodedShare = (ClipShared) decoded.getEvent();
    assertEquals("clip-1", decodedShare.getClipId());
    assertNull(decodedShare.getRequest());
  }

  @Test
  void unknownSchemaFingerprintIsASerializationErrorNotACrash() {
    byte[] bytes =
        SERDE.encode(
            WorldEvent.newBuilder().setEventTime(1L).setEvent(new ClockTick(0, false)).build());
    bytes[5] ^= 0x5A; // corrupt the fingerprint
    SerializationException e =
        assertThrows(SerializationException.class, () -> SERDE.decode(bytes));
    assertTrue(e.getMessage().contains("unknown schema fingerprint"), e.getMessage());
  }

  @Test
  void garbageBytesAreASerializationError() {
    SerializationException e =
        assertThrows(SerializationException.class, () -> SERDE.decode(new byte[] {1, 2, 3, 4}));
    assertTrue(e.getMessage().startsWith("cannot decode WorldEvent"), e.getMessage());
  }

  @Test
  void catalogNamesAreUniqueKebabCase() {
    List<String> names = Topics.all().stream().map(Topic::name).toList();
    assertEquals(names.size(), names.stream().distinct().count());
    assertEquals(
        List.of(
            "world-events",
            "retention-receipts",
            "retention-stats",
            "retention-stats-json",
            "copy-ledger",
            "copy-receipts",
            "exposure-stats",
            "exposure-stats-json",
            "dead-letters",
            "schemas"),
        names);
    assertEquals("compact", Topics.SCHEMAS.configs().get("cleanup.policy"));
    assertEquals("compact", Topics.COPY_LEDGER.configs().get("cleanup.policy"));
  }

  private static String dropField(String json) {
    int start = json.indexOf(",{\"name\":\"requestRemoved\"");
    int depth = 0;
    int i = start + 1;
    do {
      char c = json.charAt(i);
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
      i++;
    } while (depth > 0);
    return json.substring(0, start) + json.substring(i);
  }
}
