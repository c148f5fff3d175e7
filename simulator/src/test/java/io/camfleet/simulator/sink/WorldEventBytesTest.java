package io.camfleet.simulator.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.AvroSerde;
import io.camfleet.schemas.ClipRecordedLayout;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.world.World;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class WorldEventBytesTest {
  private final AvroSerde<WorldEvent> serde = AvroSerde.of(WorldEvent.class);

  @Test
  void everyEventOfAWorldHasTheBytesOfTheAvroSerde() {
    World world =
        World.read(Path.of("..", "worlds", "default.yaml").toAbsolutePath().normalize())
            .withSize(30, 20);
    WorldEventBytes bytes = new WorldEventBytes(serde.serializer());
    assertTrue(bytes.fast(), "the current schema takes the hand-written path");
    Map<String, Integer> compared = new HashMap<>();
    Simulator.run(
        world,
        SimulationOptions.defaults(),
        new EventSink() {
          @Override
          public void send(String key, Integer partition, WorldEvent event) {
            assertArrayEquals(serde.encode(event), bytes.encode("world-events", event), key);
            compared.merge(event.getEvent().getClass().getSimpleName(), 1, Integer::sum);
          }

          @Override
          public void close() {}
        },
        ProgressListener.NONE);
    assertTrue(compared.getOrDefault("ClipRecorded", 0) > 1000, compared.toString());
  }

  @Test
  void nonAsciiTextNegativeAndLargeNumbersHaveTheSerdesBytes() {
    WorldEventBytes bytes = new WorldEventBytes(serde.serializer());
    WorldEvent first = event("clip-1", "cam-1", "US", 0, 0, 0);
    assertArrayEquals(serde.encode(first), bytes.encode("t", first));
    for (WorldEvent e :
        new WorldEvent[] {
          event("clip-ü-é", "kamera-ß", "EU", -1, Integer.MIN_VALUE, Long.MIN_VALUE),
          event("", "", "", Long.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE),
          event("片段-" + "x".repeat(600), "相机", "日本", 1_551_398_400_000L, 63, 64),
        }) {
      assertArrayEquals(serde.encode(e), bytes.encode("t", e));
    }
  }

  @Test
  void aClipRecordedOfAnotherShapeIsLeftToTheSerde() {
    String changed =
        WorldEvent.getClassSchema()
            .toString()
            .replace(
                "{\"name\":\"sizeBytes\",\"type\":\"long\"}",
                "{\"name\":\"sizeBytes\",\"type\":\"int\"}");
    Schema other = new Schema.Parser().parse(changed);
    assertEquals(1, ClipRecordedLayout.clipBranch(WorldEvent.getClassSchema()));
    assertEquals(-1, ClipRecordedLayout.clipBranch(other));
    assertTrue(!new WorldEventBytes(serde.serializer(), other).fast());
  }

  private static WorldEvent event(
      String clipId, String camera, String region, long time, int seconds, long size) {
    return WorldEvent.newBuilder()
        .setEventTime(time)
        .setEvent(
            ClipRecorded.newBuilder()
                .setClipId(clipId)
                .setCameraId(camera)
                .setHouseholdId("hh-" + camera)
                .setRegion(region)
                .setRecordedAt(time)
                .setDurationSeconds(seconds)
                .setSizeBytes(size)
                .build())
        .build();
  }
}
