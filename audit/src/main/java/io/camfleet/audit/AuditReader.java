package io.camfleet.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.InvalidAvroMagicException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads an audit file with no broker: each record as its key, timestamp and value, the value
 * resolved from the schema in the file's header to the current generated class.
 */
public final class AuditReader {
  private AuditReader() {}

  /**
   * Hands each record of {@code file} (of the kind {@code kind}) to {@code each}, in file order.
   *
   * @throws IllegalArgumentException naming the file when it is missing or not an audit file of
   *     that kind
   */
  public static <V extends SpecificRecord> long forEach(
      Path file, AuditFile kind, Class<V> type, Consumer<Audited<V>> each) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no audit file " + file);
    }
    SpecificDatumReader<GenericRecord> datumReader =
        new SpecificDatumReader<>(null, kind.recordSchema(), new SpecificData());
    long count = 0;
    try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), datumReader)) {
      while (reader.hasNext()) {
        // a fresh record each time: callers keep the values
        GenericRecord record = reader.next();
        each.accept(
            new Audited<>(
                record.get("key").toString(),
                (Long) record.get("timestamp"),
                type.cast(record.get("value"))));
        count++;
      }
    } catch (InvalidAvroMagicException e) {
      throw new IllegalArgumentException(file + " is not an Avro object container file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (AvroRuntimeException | ClassCastException e) {
      throw new IllegalArgumentException(
          file + " is not a " + kind.fileName() + " audit file: " + e.getMessage(), e);
    }
    return count;
  }
}
