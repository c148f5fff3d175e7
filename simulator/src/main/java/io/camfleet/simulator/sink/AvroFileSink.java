package io.camfleet.simulator.sink;

import io.camfleet.avro.WorldEvent;
import io.camfleet.simulator.EventSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes events to an Avro object container file that any Avro tool reads (the schema is in its
 * header). Writes go to a temporary file beside the target, renamed onto it when the sink closes
 * after a successful run; an aborted run, or a JVM that exits first, leaves no file behind. The
 * container's sync marker is fixed, so the same events give a byte-identical file.
 */
public final class AvroFileSink implements EventSink {
  private static final byte[] SYNC = syncMarker();

  private final Path target;
  private final Path temp;
  private final DataFileWriter<WorldEvent> writer;
  private boolean aborted;
  private boolean closed;

  public AvroFileSink(Path target) {
    this(target, Map.of());
  }

  /**
   * A sink whose file also carries {@code metadata} in its header (see {@link EventFileHeader}); a
   * key starting with {@code avro.} is Avro's own and is refused.
   */
  public AvroFileSink(Path target, Map<String, String> metadata) {
    this.target = target.toAbsolutePath();
    try {
      Path dir = this.target.getParent();
      Files.createDirectories(dir);
      this.temp =
          dir.resolve(
              "." + this.target.getFileName() + "." + ProcessHandle.current().pid() + ".part");
      OutputStream out = Files.newOutputStream(temp);
      temp.toFile().deleteOnExit();
      this.writer = new DataFileWriter<>(new SpecificDatumWriter<>(WorldEvent.class));
      writer.setCodec(CodecFactory.nullCodec());
      metadata.forEach(writer::setMeta);
      writer.create(WorldEvent.getClassSchema(), new BufferedOutputStream(out, 1 << 16), SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  public Path target() {
    return target;
  }

  @Override
  public void send(String key, Integer partition, WorldEvent event) {
    try {
      writer.append(event);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void abort() {
    aborted = true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.close();
    } catch (IOException e) {
      aborted = true;
      deleteTemp();
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
    if (aborted) {
      deleteTemp();
      return;
    }
    try {
      try {
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteTemp();
      throw new UncheckedIOException(
          "cannot move the finished file onto " + target + ": " + e.getMessage(), e);
    }
  }

  private void deleteTemp() {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // best effort: deleteOnExit removes it at the latest
    }
  }

  private static byte[] syncMarker() {
    try {
      return MessageDigest.getInstance("MD5")
          .digest("camfleet world-events".getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
