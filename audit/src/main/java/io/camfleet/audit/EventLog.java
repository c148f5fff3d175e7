package io.camfleet.audit;

import io.camfleet.avro.WorldEvent;
import io.camfleet.simulator.sink.EventFileHeader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.InvalidAvroMagicException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * A recorded event log, as {@code camfleet simulate --out-file} and {@code camfleet run
 * --keep-events} write it: {@link WorldEvent}s in an Avro object container file, read in the order
 * they were written, with the world they came from when the file's metadata names it.
 */
public final class EventLog implements AutoCloseable {
  /** The name of the event log a run keeps beside its report with {@code --keep-events}. */
  public static final String FILE_NAME = "events.avro";

  private final Path file;
  private final long size;
  private final DataFileReader<WorldEvent> reader;
  private final Optional<EventFileHeader> header;

  private EventLog(Path file, DataFileReader<WorldEvent> reader) {
    this.file = file;
    this.reader = reader;
    this.size = file.toFile().length();
    try {
      this.header = EventFileHeader.fromMetadata(reader::getMetaString);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    if (!reader.getSchema().getFullName().equals(WorldEvent.getClassSchema().getFullName())) {
      throw new IllegalArgumentException(
          file
              + " holds "
              + reader.getSchema().getFullName()
              + " records, not the world events of "
              + WorldEvent.getClassSchema().getFullName());
    }
  }

  /**
   * Opens {@code file}.
   *
   * @throws IllegalArgumentException naming the file when it is missing or not an event log
   */
  public static EventLog open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no event log " + file);
    }
    try {
      File f = file.toFile();
      return new EventLog(
          file, new DataFileReader<>(f, new SpecificDatumReader<>(WorldEvent.class)));
    } catch (InvalidAvroMagicException e) {
      throw new IllegalArgumentException(file + " is not an Avro object container file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** The world the file was simulated from, when its metadata says. */
  public Optional<EventFileHeader> header() {
    return header;
  }

  /** The next event, or null at the end; each call returns a new object. */
  public WorldEvent next() {
    try {
      return reader.hasNext() ? reader.next() : null;
    } catch (AvroRuntimeException e) {
      throw new IllegalArgumentException(
          file + ": unreadable event after byte " + position() + ": " + e.getMessage(), e);
    }
  }

  /** The share of the file read so far, from 0 to 1. */
  public double fractionRead() {
    return size == 0 ? 1.0 : Math.min(1.0, (double) position() / size);
  }

  private long position() {
    try {
      return reader.tell();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
