package io.camfleet.retention.topology;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.SchemaSource;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import java.util.List;
import java.util.Objects;

/** The topics the retention service reads and writes. */
public record RetentionTopics(
    Topic<String, WorldEvent> worldEvents,
    Topic<String, RetentionReceipt> receipts,
    Topic<String, DailyStats> stats) {

  public RetentionTopics {
    Objects.requireNonNull(worldEvents, "worldEvents");
    Objects.requireNonNull(receipts, "receipts");
    Objects.requireNonNull(stats, "stats");
  }

  /** The catalog's topics. */
  public static RetentionTopics defaults() {
    return new RetentionTopics(Topics.WORLD_EVENTS, Topics.RETENTION_RECEIPTS, Topics.RETENTION_STATS);
  }

  /** The same topics with serdes that learn unknown writer schemas from, and register theirs in, {@code schemas}. */
  public RetentionTopics withSchemas(SchemaSource schemas) {
    return new RetentionTopics(worldEvents.withSchemas(schemas), receipts.withSchemas(schemas), stats.withSchemas(schemas));
  }

  /** The catalog's topics, each renamed {@code prefix-name}, for a run that must not share topics. */
  public static RetentionTopics prefixed(String prefix) {
    RetentionTopics d = defaults();
    return new RetentionTopics(
        d.worldEvents.renamed(prefix + "-" + d.worldEvents.name()),
        d.receipts.renamed(prefix + "-" + d.receipts.name()),
        d.stats.renamed(prefix + "-" + d.stats.name()));
  }

  /** The flat JSON twin of {@link #stats()}. */
  public Topic<String, String> statsJson() {
    return Topics.jsonOf(stats);
  }

  public List<Topic<?, ?>> all() {
    return List.of(worldEvents, receipts, stats, statsJson());
  }
}
