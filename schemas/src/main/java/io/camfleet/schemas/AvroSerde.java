package io.camfleet.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro class using Avro single-object encoding: a two-byte marker, the
 * writer schema's 64-bit fingerprint, then the binary body. The decoder knows the current schema
 * and every older version kept under {@code schema-history/}; with a {@link SchemaSource} it also
 * looks up fingerprints it does not know (records of a newer version) and registers its own schema
 * there before it encodes the first record. It resolves each record from the schema that wrote it.
 * An unknown fingerprint or a refused writer schema is a {@link SerializationException}, which
 * Kafka Streams routes to the dead-letter topic.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
  /** Each thread's encoding buffer, kept between records (serializers run on many threads). */
  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

  private final Class<T> type;
  private final Schema schema;
  private final List<Schema> history;
  private final SchemaSource source;
  private final SpecificDatumWriter<T> writer;
  private final byte[] header;
  private final BinaryMessageDecoder<T> decoder;
  private final FastReader<T> fastReader;
  private volatile boolean registered;

  /**
   * A hand-written decoder for the commonest shape of a record written with the serde's own schema:
   * given the bytes and where the body starts (after the header), it returns the record, or null to
   * leave these bytes to Avro's general decoder (another shape, or bytes it cannot read). It must
   * return exactly what the general decoder returns for the same bytes.
   */
  @FunctionalInterface
  public interface FastReader<T> {
    T read(byte[] bytes, int bodyOffset);
  }

  private AvroSerde(
      Class<T> type,
      Schema schema,
      List<Schema> history,
      SchemaSource source,
      FastReader<T> fastReader) {
    this.type = type;
    this.schema = schema;
    this.history = List.copyOf(history);
    this.source = source;
    this.fastReader = fastReader;
    SpecificData model = new SpecificData(type.getClassLoader());
    this.writer = new SpecificDatumWriter<>(schema, model);
    this.header = singleObjectHeader(schema);
    this.decoder =
        new BinaryMessageDecoder<>(
            model, schema, new WriterSchemaStore(schema, history, source::find));
  }

  /** A serde for the given generated class, knowing its schema history and nothing else. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    Schema schema = SpecificData.get().getSchema(type);
    return new AvroSerde<>(
        type, schema, SchemaHistory.olderVersionsOf(schema), SchemaSource.builtIn(), null);
  }

  /** A serde for {@code type} that also decodes records written with the given older schemas. */
  public static <T extends SpecificRecord> AvroSerde<T> withHistory(
      Class<T> type, List<Schema> olderVersions) {
    return new AvroSerde<>(
        type, SpecificData.get().getSchema(type), olderVersions, SchemaSource.builtIn(), null);
  }

  /**
   * The same serde looking up unknown writer schemas in {@code source} and registering its own
   * there.
   */
  public AvroSerde<T> withSchemas(SchemaSource source) {
    return new AvroSerde<>(type, schema, history, source, fastReader);
  }

  /**
   * The same serde decoding the records written with its own schema through {@code reader} first,
   * and through Avro's general decoder where the reader declines.
   */
  public AvroSerde<T> withFastReader(FastReader<T> reader) {
    return new AvroSerde<>(type, schema, history, source, reader);
  }

  public Class<T> type() {
    return type;
  }

  public byte[] encode(T value) {
    if (!registered) {
      // Before the first record leaves, so that no reader meets this fingerprint unregistered.
      source.register(schema);
      registered = true;
    }
    // Avro's BinaryMessageEncoder writes the same bytes but looks up two thread-locals and copies
    // twice per record
    Buffer buffer = BUFFERS.get();
    buffer.reset();
    buffer.write(header, 0, header.length);
    buffer.encoder = EncoderFactory.get().directBinaryEncoder(buffer, buffer.encoder);
    try {
      writer.write(value, buffer.encoder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  public T decode(byte[] bytes) {
    if (fastReader != null
        && bytes.length > header.length
        && Arrays.equals(bytes, 0, header.length, header, 0, header.length)) {
      T record = fastReader.read(bytes, header.length);
      if (record != null) {
        return record;
      }
    }
    try {
      return decoder.decode(bytes);
    } catch (MissingSchemaException e) {
      throw new SerializationException(
          "cannot decode "
              + type.getSimpleName()
              + ": unknown schema fingerprint ("
              + e.getMessage()
              + ")",
          e);
    } catch (SchemaRefusedException e) {
      throw new SerializationException(
          "cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
    } catch (BadHeaderException e) {
      throw new SerializationException(
          "cannot decode "
              + type.getSimpleName()
              + ": not Avro single-object encoding ("
              + e.getMessage()
              + ")",
          e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot decode " + type.getSimpleName() + ": " + e, e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }

  /**
   * The single-object encoding's header: the marker {@code C3 01}, then the schema's 64-bit
   * fingerprint, little-endian.
   */
  public static byte[] singleObjectHeader(Schema schema) {
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    byte[] header = new byte[10];
    header[0] = (byte) 0xC3;
    header[1] = (byte) 0x01;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
    return header;
  }

  /** An unsynchronized growable byte buffer with the encoder that writes into it. */
  private static final class Buffer extends OutputStream {
    private byte[] bytes = new byte[256];
    private int count;
    BinaryEncoder encoder;

    void reset() {
      count = 0;
    }

    @Override
    public void write(int b) {
      if (count == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (count + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + len));
      }
      System.arraycopy(b, off, bytes, count, len);
      count += len;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, count);
    }
  }

  /**
   * Older schema versions of each record, kept as resources so evolved records still decode: for
   * record {@code Name}, the files listed in {@code schema-history/Name/index.txt}, from every
   * index of that name on the class path (each file is read next to its index).
   */
  public static final class SchemaHistory {
    private SchemaHistory() {}

    /** Every older version of {@code current}'s record that the class path keeps. */
    public static List<Schema> olderVersionsOf(Schema current) {
      String folder = "schema-history/" + current.getName() + "/";
      List<Schema> versions = new ArrayList<>();
      try {
        Enumeration<URL> indexes =
            AvroSerde.class.getClassLoader().getResources(folder + "index.txt");
        while (indexes.hasMoreElements()) {
          URL index = indexes.nextElement();
          for (String line : read(index).lines().map(String::strip).toList()) {
            if (!line.isEmpty() && !line.startsWith("#")) {
              versions.add(load(index, line));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return List.copyOf(versions);
    }

    private static String read(URL url) throws IOException {
      try (InputStream in = url.openStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }

    private static Schema load(URL index, String file) {
      URL resource;
      try {
        String base = index.toString();
        resource = URI.create(base.substring(0, base.lastIndexOf('/') + 1) + file).toURL();
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalStateException(
            "schema history " + index + " names an unusable file " + file, e);
      }
      try {
        return new Schema.Parser().parse(read(resource));
      } catch (IOException e) {
        throw new IllegalStateException(
            "schema history " + index + " names a missing file " + file, e);
      }
    }
  }
}
