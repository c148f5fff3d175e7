package io.camfleet.audit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * Puts one audit file's records in an order that does not depend on how they reached the topic: by
 * key (its bytes, unsigned), and a key's records in the order they were added. A key's records all
 * sit in one partition, written there by one task in an order fixed by its input, so this order is
 * the same in every run of a world, where the order of records from different partitions, and of
 * different writers' records in one partition, is not.
 *
 * <p>Records are held in memory up to {@code budgetBytes}, then sorted and spilled to a run file in
 * a temporary folder; {@link #drainTo} merges the runs. {@link #close} deletes the folder, whether
 * or not the records were drained.
 */
final class KeyOrder implements AutoCloseable {
  /** What the records go to, in order. */
  interface Sink {
    void accept(byte[] key, long timestamp, byte[] value) throws IOException;
  }

  private record Entry(byte[] key, long timestamp, byte[] value, long sequence) {}

  private static final Comparator<Entry> ORDER =
      Comparator.<Entry, byte[]>comparing(Entry::key, Arrays::compareUnsigned)
          .thenComparingLong(Entry::sequence);

  // a rough size of an entry beyond its arrays: the objects' headers and fields
  private static final int OVERHEAD = 96;

  private final Path beside;
  private final long budgetBytes;
  private final List<Entry> held = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private Path folder;
  private long heldBytes;
  private long sequence;

  /** Spills run files into a temporary folder in {@code beside} when needed. */
  KeyOrder(Path beside, long budgetBytes) {
    this.beside = beside;
    this.budgetBytes = budgetBytes;
  }

  void add(byte[] key, long timestamp, byte[] value) throws IOException {
    held.add(new Entry(key, timestamp, value, sequence++));
    heldBytes += key.length + value.length + OVERHEAD;
    if (heldBytes >= budgetBytes) {
      spill();
    }
  }

  /** Hands every record added to {@code sink}, in key order. */
  void drainTo(Sink sink) throws IOException {
    if (runs.isEmpty()) {
      held.sort(ORDER);
      for (Entry e : held) {
        sink.accept(e.key(), e.timestamp(), e.value());
      }
      held.clear();
      return;
    }
    spill();
    List<RunReader> readers = new ArrayList<>();
    try {
      PriorityQueue<RunReader> next =
          new PriorityQueue<>(Comparator.comparing(r -> r.current, ORDER));
      for (Path run : runs) {
        RunReader reader = new RunReader(run);
        readers.add(reader);
        if (reader.advance()) {
          next.add(reader);
        }
      }
      while (!next.isEmpty()) {
        RunReader reader = next.poll();
        Entry e = reader.current;
        sink.accept(e.key(), e.timestamp(), e.value());
        if (reader.advance()) {
          next.add(reader);
        }
      }
    } finally {
      for (RunReader reader : readers) {
        reader.in.close();
      }
    }
  }

  /** How many run files the records were spilled to (0 when they fit in memory). */
  int runs() {
    return runs.size();
  }

  private void spill() throws IOException {
    if (held.isEmpty()) {
      return;
    }
    held.sort(ORDER);
    if (folder == null) {
      folder = Files.createTempDirectory(beside, ".sorting-");
    }
    Path run = folder.resolve("run-" + runs.size());
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
      for (Entry e : held) {
        out.writeInt(e.key().length);
        out.write(e.key());
        out.writeLong(e.timestamp());
        out.writeLong(e.sequence());
        out.writeInt(e.value().length);
        out.write(e.value());
      }
    }
    runs.add(run);
    held.clear();
    heldBytes = 0;
  }

  /** Deletes the run files and their folder. */
  @Override
  public void close() {
    held.clear();
    if (folder == null) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the sort's temporary folder " + folder, e);
    }
  }

  private static final class RunReader {
    final DataInputStream in;
    Entry current;

    RunReader(Path run) throws IOException {
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
    }

    boolean advance() throws IOException {
      int keyLength;
      try {
        keyLength = in.readInt();
      } catch (EOFException end) {
        current = null;
        return false;
      }
      byte[] key = in.readNBytes(keyLength);
      long timestamp = in.readLong();
      long sequence = in.readLong();
      byte[] value = in.readNBytes(in.readInt());
      current = new Entry(key, timestamp, value, sequence);
      return true;
    }
  }
}
