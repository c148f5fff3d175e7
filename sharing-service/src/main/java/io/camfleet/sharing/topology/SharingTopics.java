package io.camfleet.sharing.topology;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.DailyStats;
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
 * The topics the sharing service reads and writes, typed; tests and side-by-side runs pass renamed
 * ones.
 */
public record SharingTopics(
    Topic<String, WorldEvent> worldEvents,
    Topic<String, CopyLedgerEntry> copyLedger,
    Topic<String, CopyReceipt> copyReceipts,
    Topic<String, DailyStats> exposureStats,
    Topic<byte[], byte[]> deadLetters) {

  public SharingTopics {
    Objects.requireNonNull(worldEvents, "worldEvents");
    Objects.requireNonNull(copyLedger, "copyLedger");
    Objects.requireNonNull(copyReceipts, "copyReceipts");
    Objects.requireNonNull(exposureStats, "exposureStats");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Set<String> names = new HashSet<>();
    for (Topic<?, ?> topic :
        List.of(
            worldEvents,
            copyLedger,
            copyReceipts,
            exposureStats,
            Topics.jsonOf(exposureStats),
            deadLetters)) {
      if (!names.add(topic.name())) {
        throw new IllegalArgumentException(
            "two sharing-service topics share the name " + topic.name());
      }
    }
  }

  /** The catalog's topics. */
  public static SharingTopics defaults() {
    return prefixed(TopicPrefix.NONE);
  }

  /** The catalog's topics, each named with {@code prefix}, for a run that must not share topics. */
  public static SharingTopics prefixed(TopicPrefix prefix) {
    return new SharingTopics(
        prefix.apply(Topics.WORLD_EVENTS),
        prefix.apply(Topics.COPY_LEDGER),
        prefix.apply(Topics.COPY_RECEIPTS),
        prefix.apply(Topics.EXPOSURE_STATS),
        prefix.apply(Topics.DEAD_LETTERS));
  }

  /**
   * The same topics with serdes that learn unknown writer schemas from, and register theirs in,
   * {@code schemas}.
   */
  public SharingTopics withSchemas(SchemaSource schemas) {
    return new SharingTopics(
        worldEvents.withSchemas(schemas),
        copyLedger.withSchemas(schemas),
        copyReceipts.withSchemas(schemas),
        exposureStats.withSchemas(schemas),
        deadLetters);
  }

  /** The flat JSON twin of {@link #exposureStats()}. */
  public Topic<String, String> exposureStatsJson() {
    return Topics.jsonOf(exposureStats);
  }

  /** The topics the service writes: its outputs and its dead letters. */
  public List<Topic<?, ?>> own() {
    return List.of(copyLedger, copyReceipts, exposureStats, exposureStatsJson(), deadLetters);
  }

  /** Every topic, for creating them: {@link #worldEvents()} and {@link #own()}. */
  public List<Topic<?, ?>> all() {
    List<Topic<?, ?>> all = new ArrayList<>(List.of(worldEvents));
    all.addAll(own());
    return List.copyOf(all);
  }
}
