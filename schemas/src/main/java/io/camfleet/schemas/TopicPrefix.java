package io.camfleet.schemas;

/**
 * What a run that shares a Kafka cluster puts before the name of each of its topics ({@code
 * run-1a2b3c4d-world-events}), so that it reads and writes none of another run's; {@link #NONE}
 * keeps the catalog's names.
 */
public record TopicPrefix(String value) {
  /** The catalog's names, unchanged. */
  public static final TopicPrefix NONE = new TopicPrefix("");

  public TopicPrefix {
    if (value == null || !(value.isEmpty() || value.matches("[a-z0-9][a-z0-9.-]*"))) {
      throw new IllegalArgumentException(
          "a topic prefix is kebab-case, like topic names: '" + value + "'");
    }
  }

  /** The prefix {@code value}, which must not be empty: {@link #NONE} says "no prefix". */
  public static TopicPrefix of(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(
          "an empty topic prefix: use TopicPrefix.NONE for the catalog's names");
    }
    return new TopicPrefix(value);
  }

  /**
   * {@code name} with this prefix: {@code prefix-name}, or {@code name} itself for {@link #NONE}.
   */
  public String apply(String name) {
    return value.isEmpty() ? name : value + "-" + name;
  }

  /** The same topic under its prefixed name. */
  public <K, V> Topic<K, V> apply(Topic<K, V> topic) {
    return value.isEmpty() ? topic : topic.renamed(apply(topic.name()));
  }
}
