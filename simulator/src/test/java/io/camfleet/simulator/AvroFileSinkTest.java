package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camfleet.avro.WorldEvent;
import io.camfleet.simulator.sink.AvroFileSink;
import io.camfleet.simulator.world.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Avro file holds exactly the stream's events, and appears only when a run succeeds. */
class AvroFileSinkTest {
  @TempDir Path dir;

  private List<String> filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void fileHoldsTheSameEventsInTheSameOrder() throws IOException {
    World world = Worlds.read("default").withCameras(50).withDays(10);
    List<Recorded> expected = RecordingSink.run(world, SimulationOptions.defaults());
    Path file = dir.resolve("events.avro");
    try (AvroFileSink sink = new AvroFileSink(file)) {
      Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
    }
    List<WorldEvent> read = new ArrayList<>();
    try (DataFileReader<WorldEvent> reader =
        new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(WorldEvent.class))) {
      reader.forEach(read::add);
    }
    assertEquals(expected.stream().map(Recorded::event).toList(), read);
    assertEquals(List.of("events.avro"), filesIn(dir));
  }

  @Test
  void failedRunLeavesNoFile() throws IOException {
    World world = Worlds.read("default").withCameras(50).withDays(10);
    Path file = dir.resolve("events.avro");
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () -> {
              try (AvroFileSink sink = new AvroFileSink(file)) {
                EventSink failing =
                    new EventSink() {
                      int sent;

                      @Override
                      public void send(String key, Integer partition, WorldEvent event) {
                        if (++sent == 1000) {
                          throw new IllegalStateException("disk full");
                        }
                        sink.send(key, partition, event);
                      }

                      @Override
                      public void abort() {
                        sink.abort();
                      }

                      @Override
                      public void close() {}
                    };
                Simulator.run(world, SimulationOptions.defaults(), failing, ProgressListener.NONE);
              }
            });
    assertEquals("disk full", failure.getMessage());
    assertEquals(List.of(), filesIn(dir));
  }

  @Test
  void abortedSinkKeepsAnEarlierFileUntouched() throws IOException {
    Path file = dir.resolve("events.avro");
    Files.writeString(file, "earlier run");
    try (AvroFileSink sink = new AvroFileSink(file)) {
      sink.send(
          "cam-000001",
          null,
          WorldEvent.newBuilder()
              .setEventTime(0)
              .setEvent(
                  io.camfleet.avro.ClockTick.newBuilder().setPartition(0).setLast(true).build())
              .build());
      sink.abort();
    }
    assertEquals("earlier run", Files.readString(file));
    assertEquals(List.of("events.avro"), filesIn(dir));
  }

  @Test
  void unwritableFolderIsReportedAtOnce() throws IOException {
    Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class, () -> new AvroFileSink(notAFolder.resolve("events.avro")));
    assertEquals(
        true, e.getMessage().startsWith("cannot write " + notAFolder.resolve("events.avro")));
  }
}
