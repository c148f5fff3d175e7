package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.camfleet.simulator.sink.AvroFileSink;
import io.camfleet.simulator.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same world file and seed give the same bytes, run after run and thread beside thread. */
class DeterminismTest {

  private static EncodedSink run(World world) {
    EncodedSink sink = new EncodedSink(false);
    Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
    return sink;
  }

  @Test
  void twoRunsOfTheDefaultWorldGiveByteIdenticalStreams() {
    World world = Worlds.read("default");
    EncodedSink first = run(world);
    EncodedSink second = run(world);
    assertEquals(first.count, second.count);
    assertEquals(first.sha256(), second.sha256());
  }

  @Test
  void runsOnFourThreadsAtOnceGiveTheSameStreamAsOneRunAlone() throws Exception {
    World world = Worlds.read("default").withDays(30);
    String alone = run(world).sha256();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      CompletableFuture<?>[] runs = new CompletableFuture<?>[4];
      String[] digests = new String[4];
      for (int i = 0; i < 4; i++) {
        int slot = i;
        runs[i] = CompletableFuture.runAsync(() -> digests[slot] = run(world).sha256(), threads);
      }
      CompletableFuture.allOf(runs).get();
      assertArrayEquals(new String[] {alone, alone, alone, alone}, digests);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void anotherSeedGivesAnotherStream() {
    World world = Worlds.read("default").withDays(10);
    assertNotEquals(run(world).sha256(), run(world.withSeed(43)).sha256());
  }

  @Test
  void twoRunsWriteByteIdenticalAvroFiles(@TempDir Path dir) throws Exception {
    World world = Worlds.read("default").withDays(20);
    for (String name : new String[] {"a.avro", "b.avro"}) {
      try (AvroFileSink sink = new AvroFileSink(dir.resolve(name))) {
        Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
      }
    }
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("a.avro")), Files.readAllBytes(dir.resolve("b.avro")));
  }
}
