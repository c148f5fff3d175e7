package io.camfleet.retention.topology;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.SchemaSource;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.schemas.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The topics the retention service reads and writes, typed; tests and side-by-side runs pass
 * renamed ones.
 */
public record RetentionTopics(
    Topic<String, WorldEvent> worldEvents,
    Topic<String, RetentionReceipt> receipts,
    Topic<String, DailyStats> stats,
    Topic<byte[], byte[]> deadLetters) {

  public RetentionTopics {
    Objects.requireNonNull(worldEvents, "worldEvents");
    Objects.requireNonNull(receipts, "receipts");
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Set<String> names = new HashSet<>();
    for (Topic<?, ?> topic :
        List.of(worldEvents, receipts, stats, Topics.jsonOf(stats), deadLetters)) {
      if (!names.add(topic.name())) {
        throw new IllegalArgumentException(
            "two retention-service topics share the name " + topic.name());
      }
    }
  }

  /** The catalog's topics. */
  public static RetentionTopics defaults() {
    return prefixed(TopicPrefix.NONE);
  }

  /** The catalog's topics, each named with {@code prefix}, for a run that must not share topics. */
  public static RetentionTopics prefixed(TopicPrefix prefix) {
    return new RetentionTopics(
        prefix.apply(Topics.WORLD_EVENTS),
        prefix.apply(Topics.RETENTION_RECEIPTS),
        prefix.apply(Topics.RETENTION_STATS),
        prefix.apply(Topics.DEAD_LETTERS));
  }

  /**
   * The same topics with serdes that learn unknown writer schemas from, and register theirs in,
   * {@code schemas}.
   */
  public RetentionTopics withSchemas(SchemaSource schemas) {
    return new RetentionTopics(
        worldEvents.withSchemas(schemas),
        receipts.withSchemas(schemas),
        stats.withSchemas(schemas),
        deadLetters);
  }

  /** The flat JSON twin of {@link #stats()}. */
  public Topic<String, String> statsJson() {
    return Topics.jsonOf(stats);
  }

  /** The topics the service writes: its outputs and its dead letters. */
  public List<Topic<?, ?>> own() {
    return List.of(receipts, stats, statsJson(), deadLetters);
  }

  /** Every topic, for creating them: {@link #worldEvents()} and {@link #own()}. */
  public List<Topic<?, ?>> all() {
    List<Topic<?, ?>> all = new ArrayList<>(List.of(worldEvents));
    all.addAll(own());
    return List.copyOf(all);
  }
}
