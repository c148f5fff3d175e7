package io.camfleet.sharing.topology;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.DailyStats;
import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.SchemaSource;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The topics the sharing service reads and writes, typed; tests and side-by-side runs pass renamed ones. */
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
    for (Topic<?, ?> topic : List.of(worldEvents, copyLedger, copyReceipts, exposureStats, deadLetters)) {
      if (!names.add(topic.name())) {
        throw new IllegalArgumentException("two sharing-service topics share the name " + topic.name());
      }
    }
  }

  /** The catalog's topics. */
  public static SharingTopics defaults() {
    return new SharingTopics(
        Topics.WORLD_EVENTS, Topics.COPY_LEDGER, Topics.COPY_RECEIPTS, Topics.EXPOSURE_STATS, Topics.DEAD_LETTERS);
  }

  /** The catalog's topics, each renamed {@code prefix-name}, for a run that must not share topics. */
  public static SharingTopics prefixed(String prefix) {
    SharingTopics d = defaults();
    return new SharingTopics(
        d.worldEvents.renamed(prefix + "-" + d.worldEvents.name()),
        d.copyLedger.renamed(prefix + "-" + d.copyLedger.name()),
        d.copyReceipts.renamed(prefix + "-" + d.copyReceipts.name()),
        d.exposureStats.renamed(prefix + "-" + d.exposureStats.name()),
        d.deadLetters.renamed(prefix + "-" + d.deadLetters.name()));
  }

  /** The same topics with serdes that learn unknown writer schemas from, and register theirs in, {@code schemas}. */
  public SharingTopics withSchemas(SchemaSource schemas) {
    return new SharingTopics(worldEvents.withSchemas(schemas), copyLedger.withSchemas(schemas),
        copyReceipts.withSchemas(schemas), exposureStats.withSchemas(schemas), deadLetters);
  }

  /** The flat JSON twin of {@link #exposureStats()}. */
  public Topic<String, String> exposureStatsJson() {
    return Topics.jsonOf(exposureStats);
  }

  /** Every topic, for creating them. */
  public List<Topic<?, ?>> all() {
    return List.of(worldEvents, copyLedger, copyReceipts, exposureStats, exposureStatsJson(), deadLetters);
  }
}
