package io.camfleet.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ReceiptKind;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.avro.WorldEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WriterSchemaStoreTest {
  private static final String SIZE_FIELD = "{\"name\":\"sizeBytes\",\"type\":\"long\"}";

  /** WorldEvent as a newer release writes it: ClipRecorded gained a field with a default. */
  private static final Schema NEWER =
      new Schema.Parser()
          .parse(
              WorldEvent.getClassSchema()
                  .toString()
                  .replace(
                      SIZE_FIELD,
                      SIZE_FIELD
                          + ",{\"name\":\"motionScore\",\"type\":\"double\",\"default\":0.0}"));

  /** ClipRecorded lost a field the current reader needs and has no default for. */
  private static final Schema WITHOUT_SIZE =
      new Schema.Parser()
          .parse(WorldEvent.getClassSchema().toString().replace("," + SIZE_FIELD, ""));

  private static final WorldEvent CURRENT_CLIP =
      WorldEvent.newBuilder()
          .setEventTime(1L)
          .setEvent(new ClipRecorded("clip-1", "cam-1", "home-1", "US", 1L, 20, 1000L))
          .build();

  /** A schema source backed by a map, counting lookups and recording registrations. */
  private static final class FakeSource implements SchemaSource {
    final Map<Long, String> topic = new HashMap<>();
    final List<Long> lookups = new ArrayList<>();
    final List<String> registered = new ArrayList<>();

    FakeSource with(long fingerprint, String json) {
      topic.put(fingerprint, json);
      return this;
    }

    FakeSource with(Schema schema) {
      return with(SchemaNormalization.parsingFingerprint64(schema), schema.toString());
    }

    @Override
    public Optional<String> find(long fingerprint) {
      lookups.add(fingerprint);
      return Optional.ofNullable(topic.get(fingerprint));
    }

    @Override
    public void register(Schema schema) {
      registered.add(schema.getFullName());
    }
  }

  @Test
  void decodesARecordOfANewerVersionOnceItsSchemaIsFoundByFingerprint() {
    FakeSource source = new FakeSource().with(NEWER);
    AvroSerde<WorldEvent> serde = AvroSerde.of(WorldEvent.class).withSchemas(source);
    byte[] bytes = GenericEncoding.encode(NEWER, clipRecorded(NEWER, 0.75));

    WorldEvent first = serde.decode(bytes);
    WorldEvent second = serde.decode(bytes);

    WorldEvent expected =
        WorldEvent.newBuilder()
            .setEventTime(42L)
            .setEvent(new ClipRecorded("clip-1", "cam-1", "home-1", "US", 40L, 20, 1000L))
            .build();
    assertEquals(expected, first);
    assertEquals(expected, second);
    assertEquals(
        List.of(SchemaNormalization.parsingFingerprint64(NEWER)),
        source.lookups,
        "looked up once, then known");
  }

  @Test
  void refusesASchemaThatDroppedAFieldWithoutDefaultSayingWhich() {
    long fingerprint = SchemaNormalization.parsingFingerprint64(WITHOUT_SIZE);
    WriterSchemaStore store =
        new WriterSchemaStore(
            WorldEvent.getClassSchema(), List.of(), new FakeSource().with(WITHOUT_SIZE)::find);

    SchemaRefusedException e =
        assertThrows(SchemaRefusedException.class, () -> store.findByFingerprint(fingerprint));
    assertEquals(
        "writer schema "
            + WriterSchemaStore.hex(fingerprint)
            + " (io.camfleet.avro.WorldEvent) cannot be read as"
            + " io.camfleet.avro.WorldEvent: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1/type/1[ClipRecorded]/fields/6: sizeBytes",
        e.getMessage());
  }

  @Test
  void refusesARecordOfAnotherNameEvenIfRegistered() {
    Schema receipt = RetentionReceipt.getClassSchema();
    FakeSource source = new FakeSource().with(receipt);
    AvroSerde<WorldEvent> serde = AvroSerde.of(WorldEvent.class).withSchemas(source);
    byte[] bytes =
        AvroSerde.of(RetentionReceipt.class)
            .encode(
                RetentionReceipt.newBuilder()
                    .setPolicy("p")
                    .setClipId("c")
                    .setCameraId("cam")
                    .setHouseholdId("h")
                    .setKind(ReceiptKind.CLIP_EXPIRED)
                    .setDecidedAt(2L)
                    .setRecordedAt(1L)
                    .setSizeBytes(3L)
                    .setReason("due")
                    .build());

    SerializationException first =
        assertThrows(SerializationException.class, () -> serde.decode(bytes));
    SerializationException again =
        assertThrows(SerializationException.class, () -> serde.decode(bytes));

    String expected =
        "cannot decode WorldEvent: writer schema "
            + WriterSchemaStore.hex(SchemaNormalization.parsingFingerprint64(receipt))
            + " (io.camfleet.avro.RetentionReceipt) cannot be read as io.camfleet.avro.WorldEvent:"
            + " the record is named io.camfleet.avro.RetentionReceipt, not io.camfleet.avro.WorldEvent";
    assertEquals(expected, first.getMessage());
    assertEquals(expected, again.getMessage());
    assertEquals(1, source.lookups.size(), "a refusal is remembered");
  }

  @Test
  void refusesASchemaRegisteredUnderAnotherFingerprint() {
    long wrong = 12345L;
    WriterSchemaStore store =
        new WriterSchemaStore(
            WorldEvent.getClassSchema(),
            List.of(),
            new FakeSource().with(wrong, NEWER.toString())::find);

    SchemaRefusedException e =
        assertThrows(SchemaRefusedException.class, () -> store.findByFingerprint(wrong));
    assertEquals(
        "writer schema 0000000000003039 was registered under the wrong fingerprint: its own is "
            + WriterSchemaStore.hex(SchemaNormalization.parsingFingerprint64(NEWER)),
        e.getMessage());
  }

  @Test
  void refusesTextThatIsNoSchema() {
    WriterSchemaStore store =
        new WriterSchemaStore(
            WorldEvent.getClassSchema(),
            List.of(),
            new FakeSource().with(7L, "{\"type\":\"record\"")::find);

    SchemaRefusedException e =
        assertThrows(SchemaRefusedException.class, () -> store.findByFingerprint(7L));
    assertTrue(
        e.getMessage().startsWith("writer schema 0000000000000007 is not a valid Avro schema: "),
        e.getMessage());
  }

  @Test
  void aFingerprintNobodyRegisteredStaysUnknown() {
    FakeSource source = new FakeSource();
    AvroSerde<WorldEvent> serde = AvroSerde.of(WorldEvent.class).withSchemas(source);

    SerializationException e =
        assertThrows(
            SerializationException.class,
            () -> serde.decode(GenericEncoding.encode(NEWER, clipRecorded(NEWER, 0.5))));
    assertTrue(
        e.getMessage().startsWith("cannot decode WorldEvent: unknown schema fingerprint"),
        e.getMessage());
    assertEquals(List.of(SchemaNormalization.parsingFingerprint64(NEWER)), source.lookups);
  }

  @Test
  void knownVersionsAreNeverLookedUp() {
    FakeSource source = new FakeSource();
    AvroSerde<WorldEvent> serde = AvroSerde.of(WorldEvent.class).withSchemas(source);

    assertEquals(CURRENT_CLIP, serde.decode(serde.encode(CURRENT_CLIP)));
    assertEquals(List.of(), source.lookups);
  }

  @Test
  void registersItsWriterSchemaOnceBeforeTheFirstRecord() {
    FakeSource source = new FakeSource();
    var serializer = AvroSerde.of(WorldEvent.class).withSchemas(source).serializer();
    assertEquals(List.of(), source.registered);

    serializer.serialize("t", CURRENT_CLIP);
    serializer.serialize("t", CURRENT_CLIP);

    assertEquals(List.of("io.camfleet.avro.WorldEvent"), source.registered);
  }

  private static GenericRecord clipRecorded(Schema worldEvent, double motionScore) {
    Schema clipSchema =
        worldEvent.getField("event").schema().getTypes().stream()
            .filter(s -> s.getName().equals("ClipRecorded"))
            .findFirst()
            .orElseThrow();
    GenericRecord clip = new GenericData.Record(clipSchema);
    clip.put("clipId", "clip-1");
    clip.put("cameraId", "cam-1");
    clip.put("householdId", "home-1");
    clip.put("region", "US");
    clip.put("recordedAt", 40L);
    clip.put("durationSeconds", 20);
    clip.put("sizeBytes", 1000L);
    clip.put("motionScore", motionScore);
    GenericRecord event = new GenericData.Record(worldEvent);
    event.put("eventTime", 42L);
    event.put("event", clip);
    return event;
  }
}
