package io.camfleet.schemas;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Where serdes learn writer schemas they were not built with, and announce the schemas they write:
 * the {@code schemas} topic on a cluster ({@code io.camfleet.kafka.KafkaSchemaSource}), or nothing
 * beyond the schemas built into the program ({@link #builtIn()}).
 */
public interface SchemaSource {

  /**
   * The schema text registered under {@code fingerprint} (CRC-64-AVRO of its parsing canonical
   * form), or empty when none is. Waits a bounded time at most.
   */
  Optional<String> find(long fingerprint);

  /** Makes {@code schema} findable by its fingerprint; returns once it durably is. */
  void register(Schema schema);

  /** The schemas built into this program only: finds nothing and registers nowhere. */
  static SchemaSource builtIn() {
    return BuiltIn.INSTANCE;
  }

  /** The source that knows nothing beyond the program's own schemas. */
  enum BuiltIn implements SchemaSource {
    INSTANCE;

    @Override
    public Optional<String> find(long fingerprint) {
      return Optional.empty();
    }

    @Override
    public void register(Schema schema) {}
  }
}
