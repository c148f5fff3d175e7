package io.camfleet.simulator.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.AvroSerde;
import io.camfleet.schemas.ClipRecordedLayout;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.generate.ClipId;
import io.camfleet.simulator.generate.Generator;
import io.camfleet.simulator.world.World;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class WorldEventBytesTest {
  private final AvroSerde<WorldEvent> serde = AvroSerde.of(WorldEvent.class);

  @Test
  void everyEventOfAWorldHasTheBytesOfTheAvroSerde() {
    World world = smallWorld();
    ComparingSink sink = new ComparingSink();
    assertTrue(sink.bytes.fast(), "the current schema takes the hand-written path");
    Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
    assertTrue(sink.viaSend.getOrDefault("ClipRecorded", 0) > 1000, sink.viaSend.toString());
  }

  private static World smallWorld() {
    return World.read(Path.of("..", "worlds", "default.yaml").toAbsolutePath().normalize())
        .withSize(30, 20);
  }

  /** Compares each event's hand-written bytes with the serde's, and counts the events by type. */
  private class ComparingSink implements EventSink {
    final WorldEventBytes bytes = new WorldEventBytes(serde.serializer());
    final Map<String, Integer> viaSend = new HashMap<>();

    @Override
    public void send(String key, Integer partition, WorldEvent event) {
      assertArrayEquals(serde.encode(event), bytes.encode("world-events", event), key);
      viaSend.merge(event.getEvent().getClass().getSimpleName(), 1, Integer::sum);
    }

    @Override
    public void close() {}
  }

  @Test
  void clipsSentWithTheirCamerasPartsHaveTheSerdesBytes() {
    World world = smallWorld();
    Serializer<String> keys = Topics.WORLD_EVENTS.keySerde().serializer();
    Map<String, WorldEventBytes.Camera> parts = new HashMap<>();
    int[] clips = {0};
    ComparingSink sink =
        new ComparingSink() {
          @Override
          public Generator.CameraParts cameraParts(
              String key, String cameraId, String householdId, String region) {
            WorldEventBytes.Camera camera =
                new WorldEventBytes.Camera(
                    keys.serialize("world-events", key), 4, cameraId, householdId, region);
            assertNull(parts.put(cameraId, camera), "asked twice for " + cameraId);
            return camera;
          }

          @Override
          public void sendClip(
              String key, WorldEvent event, Generator.CameraParts camera, ClipId id) {
            ClipRecorded clip = (ClipRecorded) event.getEvent();
            assertNull(clip.getClipId(), "the id is not in the event");
            assertSame(parts.get(clip.getCameraId()), camera, id.text());
            assertEquals(key, clip.getCameraId());
            assertArrayEquals(keys.serialize("world-events", key), parts.get(key).key());
            assertEquals(
                BuiltInPartitioner.partitionForKey(parts.get(key).key(), 4),
                parts.get(key).partition());
            assertTrue(bytes.ready());
            byte[] written = bytes.encodeClip(event, parts.get(key), id);
            clip.setClipId(id.text());
            assertArrayEquals(serde.encode(event), written, id.text());
            clips[0]++;
          }
        };
    Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
    assertTrue(clips[0] > 1000, "clips: " + clips[0]);
    assertEquals(
        null, sink.viaSend.get("ClipRecorded"), "every clip comes with its camera's parts");
    assertEquals(sink.viaSend.get("CameraInstalled"), parts.size());
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
    // by a camera's parts, with ids of every number of digits and of any text
    for (String camera : new String[] {"cam-1", "kamera-ß", "", "相机-" + "x".repeat(300)}) {
      WorldEventBytes.Camera parts =
          new WorldEventBytes.Camera(new byte[0], 1, camera, "hh-" + camera, "日本");
      for (int[] dayIndex :
          new int[][] {{0, 0}, {9, 10}, {99, 999}, {1234, 56789}, {Integer.MAX_VALUE, 7}}) {
        ClipId id = ClipId.of(camera, dayIndex[0], dayIndex[1]);
        WorldEvent e = event("not this one", camera, "日本", -5, 61, 1L << 40);
        byte[] written = bytes.encodeClip(e, parts, id);
        ((ClipRecorded) e.getEvent()).setClipId(id.text());
        assertArrayEquals(serde.encode(e), written, id.text());
      }
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
