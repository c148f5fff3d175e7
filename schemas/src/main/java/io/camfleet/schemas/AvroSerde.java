package io.camfleet.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
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
 * there before it encodes the first record. It resolves each record from the schema that wrote
 * it. An unknown fingerprint or a refused writer schema is a {@link SerializationException}, which
 * Kafka Streams routes to the dead-letter topic.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final Class<T> type;
  private final Schema schema;
  private final List<Schema> history;
  private final SchemaSource source;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;
  private volatile boolean registered;

  private AvroSerde(Class<T> type, Schema schema, List<Schema> history, SchemaSource source) {
    this.type = type;
    this.schema = schema;
    this.history = List.copyOf(history);
    this.source = source;
    SpecificData model = new SpecificData(type.getClassLoader());
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, new WriterSchemaStore(schema, history, source::find));
  }

  /** A serde for the given generated class, knowing its schema history and nothing else. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    Schema schema = SpecificData.get().getSchema(type);
    return new AvroSerde<>(type, schema, SchemaHistory.olderVersionsOf(schema), SchemaSource.builtIn());
  }

  /** A serde for {@code type} that also decodes records written with the given older schemas. */
  public static <T extends SpecificRecord> AvroSerde<T> withHistory(Class<T> type, List<Schema> olderVersions) {
    return new AvroSerde<>(type, SpecificData.get().getSchema(type), olderVersions, SchemaSource.builtIn());
  }

  /** The same serde looking up unknown writer schemas in {@code source} and registering its own there. */
  public AvroSerde<T> withSchemas(SchemaSource source) {
    return new AvroSerde<>(type, schema, history, source);
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
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public T decode(byte[] bytes) {
    try {
      return decoder.decode(bytes);
    } catch (MissingSchemaException e) {
      throw new SerializationException(
          "cannot decode " + type.getSimpleName() + ": unknown schema fingerprint (" + e.getMessage() + ")", e);
    } catch (SchemaRefusedException e) {
      throw new SerializationException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
    } catch (BadHeaderException e) {
      throw new SerializationException(
          "cannot decode " + type.getSimpleName() + ": not Avro single-object encoding (" + e.getMessage() + ")", e);
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
        Enumeration<URL> indexes = AvroSerde.class.getClassLoader().getResources(folder + "index.txt");
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
        throw new IllegalStateException("schema history " + index + " names an unusable file " + file, e);
      }
      try {
        return new Schema.Parser().parse(read(resource));
      } catch (IOException e) {
        throw new IllegalStateException("schema history " + index + " names a missing file " + file, e);
      }
    }
  }
}
