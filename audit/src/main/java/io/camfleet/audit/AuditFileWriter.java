package io.camfleet.audit;

import io.camfleet.schemas.AvroSerde;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes one audit file from a topic's records as they are on the wire: the key's UTF-8 bytes, the
 * timestamp and the single-object encoded value. Records go to a temporary file beside the target,
 * moved onto it by {@link #commit()}; closed without a commit, the writer deletes it. The SHA-256
 * of the file is computed as it is written. The container's sync marker is fixed per kind of file,
 * so the same records in the same order give the same bytes.
 */
public final class AuditFileWriter implements AutoCloseable {
  private final AuditFile file;
  private final Path target;
  private final Path temp;
  private final MessageDigest sha256;
  private final DataFileWriter<GenericRecord> writer;
  private final byte[] header;
  private final AvroSerde<SpecificRecord> serde;
  private final SpecificDatumWriter<SpecificRecord> valueWriter;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
  private BinaryEncoder encoder;
  private long records;
  private boolean closed;
  private boolean committed;

  @SuppressWarnings("unchecked")
  private AuditFileWriter(AuditFile file, Path target) throws IOException {
    this.file = file;
    this.target = target;
    this.temp =
        target.resolveSibling(
            "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".part");
    this.sha256 = digest("SHA-256");
    this.header = AvroSerde.singleObjectHeader(file.valueSchema());
    this.serde = (AvroSerde<SpecificRecord>) file.topic().valueSerde();
    this.valueWriter = new SpecificDatumWriter<>(file.valueSchema());
    OutputStream stream =
        new DigestOutputStream(
            new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), sha256);
    this.writer = new DataFileWriter<>(new GenericDatumWriter<>(file.recordSchema()));
    try {
      writer.setCodec(CodecFactory.nullCodec());
      writer.create(
          file.recordSchema(),
          stream,
          digest("MD5")
              .digest(("camfleet audit " + file.fileName()).getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      stream.close();
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /** A writer of {@code file} in the report folder {@code out}, creating out/audit if needed. */
  public static AuditFileWriter create(AuditFile file, Path out) throws IOException {
    Path target = file.in(out).toAbsolutePath();
    Files.createDirectories(target.getParent());
    return new AuditFileWriter(file, target);
  }

  /**
   * Appends one record: {@code value} in Avro single-object encoding, copied as it is when written
   * with the current schema, else decoded (from its older schema) and written in the current one.
   */
  public void append(byte[] key, long timestamp, byte[] value) throws IOException {
    buffer.reset();
    encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
    encoder.writeString(new String(key, StandardCharsets.UTF_8));
    encoder.writeLong(timestamp);
    if (startsWith(value, header)) {
      // the body of a value in the current schema is the value field's encoding as it is
      encoder.writeFixed(value, header.length, value.length - header.length);
    } else {
      valueWriter.write(serde.decode(value), encoder);
    }
    encoder.flush();
    writer.appendEncoded(ByteBuffer.wrap(buffer.toByteArray()));
    records++;
  }

  /** The folder the file is written in. */
  public Path folder() {
    return target.getParent();
  }

  /** Finishes the file and moves it onto its target. */
  public AuditWriter.Written commit() throws IOException {
    closed = true;
    writer.close();
    try {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    committed = true;
    return new AuditWriter.Written(
        file, target, records, HexFormat.of().formatHex(sha256.digest()));
  }

  /** Deletes the temporary file unless committed. */
  @Override
  public void close() throws IOException {
    if (committed) {
      return;
    }
    try {
      if (!closed) {
        closed = true;
        writer.close();
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static boolean startsWith(byte[] value, byte[] prefix) {
    if (value.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (value[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
