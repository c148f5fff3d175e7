package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.WorldEvent;
import io.camfleet.simulator.generate.ClipId;
import io.camfleet.simulator.generate.Generator;
import io.camfleet.simulator.world.World;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link EventSink#checkedBy}: the check comes before every event, clips included. */
class CheckedSinkTest {
  private static final class Part implements Generator.CameraParts {}

  /** Counts what reaches it by each path, and hands out one part per camera. */
  private static final class CountingSink implements EventSink {
    final Map<String, Part> parts = new HashMap<>();
    int sent;
    int clips;
    boolean aborted;

    @Override
    public void send(String key, Integer partition, WorldEvent event) {
      sent++;
    }

    @Override
    public Generator.CameraParts cameraParts(
        String key, String cameraId, String householdId, String region) {
      return parts.computeIfAbsent(cameraId, c -> new Part());
    }

    @Override
    public void sendClip(String key, WorldEvent event, Generator.CameraParts part, ClipId id) {
      assertSame(parts.get(key), part, key);
      clips++;
    }

    @Override
    public void abort() {
      aborted = true;
    }

    @Override
    public void close() {}
  }

  @Test
  void clipsReachTheSinkWithTheirPartsAfterTheCheck() {
    World world = Worlds.read("default").withSize(20, 10);
    CountingSink inner = new CountingSink();
    int[] checks = {0};
    SimulationSummary summary =
        Simulator.run(
            world,
            SimulationOptions.defaults(),
            EventSink.checkedBy(inner, () -> checks[0]++),
            ProgressListener.NONE);
    assertEquals(summary.totalEvents(), checks[0]);
    assertEquals(summary.eventsByType().get("ClipRecorded"), (long) inner.clips);
    assertTrue(inner.clips > 100, "clips: " + inner.clips);
    assertEquals(summary.totalEvents() - inner.clips, inner.sent);
    assertEquals(summary.eventsByType().get("CameraInstalled"), (long) inner.parts.size());
  }

  @Test
  void aCheckThatThrowsOnAClipEndsTheRunAndAbortsTheSink() {
    World world = Worlds.read("default").withSize(20, 10);
    CountingSink inner = new CountingSink();
    int[] checks = {0};
    Runnable stopAtThe500th =
        () -> {
          if (++checks[0] == 500) {
            throw new IllegalStateException("stopped");
          }
        };
    assertThrows(
        IllegalStateException.class,
        () ->
            Simulator.run(
                world,
                SimulationOptions.defaults(),
                EventSink.checkedBy(inner, stopAtThe500th),
                ProgressListener.NONE));
    assertEquals(499, inner.sent + inner.clips);
    assertTrue(inner.aborted);
  }
}
