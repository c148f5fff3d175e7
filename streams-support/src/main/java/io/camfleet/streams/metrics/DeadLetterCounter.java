package io.camfleet.streams.metrics;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Told how many records the exception handlers send to the dead-letter topic. Kafka Streams creates
 * its handlers from their class names, so the counter reaches them as the value of {@link #CONFIG}
 * in the Streams properties, which Streams passes to each handler's {@code configure}.
 */
@FunctionalInterface
public interface DeadLetterCounter {
  /**
   * The Streams property holding the counter: an object, not a string, so never set from a file.
   */
  String CONFIG = "camfleet.dead.letter.counter";

  /** Counts nothing: for topologies run without metrics. */
  DeadLetterCounter NONE = (reason, records) -> {};

  /** Why a record went to the dead-letter topic. */
  enum Reason {
    /** Its key or value could not be read. */
    DESERIALIZATION,
    /** A processor refused it (an {@code InvariantViolation}, say). */
    PROCESSING;

    /** The label value: {@code deserialization} or {@code processing}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  void sent(Reason reason, int records);

  /** The counter in a handler's configuration, or {@link #NONE} if there is none. */
  static DeadLetterCounter from(Map<String, ?> configs) {
    Object value = configs.get(CONFIG);
    if (value == null) {
      return NONE;
    }
    if (value instanceof DeadLetterCounter counter) {
      return counter;
    }
    throw new ConfigException(
        CONFIG, value.getClass().getName(), "must be a " + DeadLetterCounter.class.getName());
  }
}
