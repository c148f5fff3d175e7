package io.camfleet.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro class using Avro single-object encoding: a two-byte marker, the
 * writer schema's 64-bit fingerprint, then the binary body. No registry is needed: the decoder
 * knows the current schema and every older version kept under {@code schema-history/}, and
 * resolves each record from the schema that wrote it. An unknown fingerprint is a {@link
 * SerializationException}, which Kafka Streams routes to the dead-letter topic.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type, Schema schema, List<Schema> history) {
    this.type = type;
    SpecificData model = new SpecificData(type.getClassLoader());
    SchemaStore.Cache store = new SchemaStore.Cache();
    history.forEach(store::addSchema);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, store);
  }

  /** A serde for the given generated class, knowing its schema history. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    Schema schema = SpecificData.get().getSchema(type);
    return new AvroSerde<>(type, schema, SchemaHistory.olderVersionsOf(schema));
  }

  /** A serde for {@code type} that also decodes records written with the given older schemas. */
  public static <T extends SpecificRecord> AvroSerde<T> withHistory(Class<T> type, List<Schema> olderVersions) {
    return new AvroSerde<>(type, SpecificData.get().getSchema(type), olderVersions);
  }

  public Class<T> type() {
    return type;
  }

  public byte[] encode(T value) {
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

  /** Older schema versions of each record, kept as resources so evolved records still decode. */
  static final class SchemaHistory {
    private SchemaHistory() {}

    static List<Schema> olderVersionsOf(Schema current) {
      String index = "/schema-history/" + current.getName() + "/index.txt";
      try (InputStream in = AvroSerde.class.getResourceAsStream(index)) {
        if (in == null) {
          return List.of();
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .map(file -> load("/schema-history/" + current.getName() + "/" + file))
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static Schema load(String resource) {
      try (InputStream in = AvroSerde.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("schema history names a missing resource " + resource);
        }
        return new Schema.Parser().parse(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
