package io.camfleet.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Single-object encoding of a generic record, as a program built on another schema version writes
 * it.
 */
final class GenericEncoding {
  private GenericEncoding() {}

  static byte[] encode(Schema schema, GenericRecord record) {
    try {
      ByteBuffer buffer =
          new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
