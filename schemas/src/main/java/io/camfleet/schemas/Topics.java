package io.camfleet.schemas;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.DailyStats;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.avro.WorldEvent;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The catalog: every topic camfleet reads or writes, declared once. */
public final class Topics {
  private Topics() {}

  /**
   * Partitions a new {@code world-events} gets when nobody asks for another count ({@code
   * --partitions}): enough for a laptop's cores. Once the topic exists its count on the cluster is
   * the one every program uses (the simulator's ticks go to each of its partitions, the services
   * wait for all of them): read it from the cluster, never from here.
   */
  public static final int DEFAULT_WORLD_PARTITIONS = 4;

  private static final Serde<String> KEY = Serdes.String();

  public static final Topic<String, WorldEvent> WORLD_EVENTS =
      new Topic<>(
          "world-events",
          KEY,
          AvroSerde.of(WorldEvent.class).withFastReader(ClipRecordedLayout.reader()),
          DEFAULT_WORLD_PARTITIONS,
          Topic.Sizing.LIKE_INPUT,
          Topic.Cleanup.DELETE,
          "Simulator output: cameras, clips, police requests, answers, shares, copies, ticks. Key: camera id.");

  public static final Topic<String, RetentionReceipt> RETENTION_RECEIPTS =
      new Topic<>(
          "retention-receipts",
          KEY,
          AvroSerde.of(RetentionReceipt.class),
          DEFAULT_WORLD_PARTITIONS,
          Topic.Sizing.LIKE_INPUT,
          Topic.Cleanup.DELETE,
          "One receipt per retention decision. Key: policy/clipId.");

  public static final Topic<String, DailyStats> RETENTION_STATS =
      new Topic<>(
          "retention-stats",
          KEY,
          AvroSerde.of(DailyStats.class),
          1,
          Topic.Sizing.FIXED,
          Topic.Cleanup.DELETE,
          "Per policy and simulated day: clips recorded, expired, exempt, live, live bytes. Key: policy/day.");

  public static final Topic<String, String> RETENTION_STATS_JSON = jsonOf(RETENTION_STATS);

  public static final Topic<String, CopyLedgerEntry> COPY_LEDGER =
      new Topic<>(
          "copy-ledger",
          KEY,
          AvroSerde.of(CopyLedgerEntry.class),
          DEFAULT_WORLD_PARTITIONS,
          Topic.Sizing.LIKE_INPUT,
          Topic.Cleanup.COMPACT,
          "Latest state of every copy that left an owner's account. Key: policy/copyId.");

  public static final Topic<String, CopyReceipt> COPY_RECEIPTS =
      new Topic<>(
          "copy-receipts",
          KEY,
          AvroSerde.of(CopyReceipt.class),
          DEFAULT_WORLD_PARTITIONS,
          Topic.Sizing.LIKE_INPUT,
          Topic.Cleanup.DELETE,
          "Copies expired and shares or forwards blocked by a policy. Key: policy/copyId.");

  public static final Topic<String, DailyStats> EXPOSURE_STATS =
      new Topic<>(
          "exposure-stats",
          KEY,
          AvroSerde.of(DailyStats.class),
          1,
          Topic.Sizing.FIXED,
          Topic.Cleanup.DELETE,
          "Per policy and simulated day: copies by holder type, households exposed, requests, answers. Key: policy/day.");

  public static final Topic<String, String> EXPOSURE_STATS_JSON = jsonOf(EXPOSURE_STATS);

  public static final Topic<byte[], byte[]> DEAD_LETTERS =
      new Topic<>(
          "dead-letters",
          Serdes.ByteArray(),
          Serdes.ByteArray(),
          1,
          Topic.Sizing.FIXED,
          Topic.Cleanup.DELETE,
          "Records a service could not read or process, with source topic, partition, offset and error in headers.");

  public static final Topic<String, String> SCHEMAS =
      new Topic<>(
          "schemas",
          KEY,
          Serdes.String(),
          1,
          Topic.Sizing.FIXED,
          Topic.Cleanup.COMPACT,
          "Writer schema of camfleet's Avro records, registered before the first record written with it. "
              + "Key: fingerprint (CRC-64-AVRO), 16 hex digits; value: the schema JSON.");

  /**
   * The flat JSON twin of a statistics topic, named {@code <name>-json}: the same records as one
   * UTF-8 JSON object each (policy, service, day, dayEnd, last, then every measure as a top-level
   * field), for dashboard tools without a schema registry.
   */
  public static Topic<String, String> jsonOf(Topic<String, DailyStats> stats) {
    return new Topic<>(
        stats.name() + "-json",
        KEY,
        Serdes.String(),
        stats.partitions(),
        stats.sizing(),
        stats.cleanup(),
        "Flat JSON of "
            + stats.name()
            + ": policy, service, day, dayEnd, last and each measure as a field. Key: policy/day.");
  }

  /**
   * Every topic in the catalog as created beside a {@code world-events} of {@code worldPartitions}
   * partitions (see {@link Topic#besideInput}), in data-flow order.
   */
  public static List<Topic<?, ?>> all(int worldPartitions) {
    return all().stream().<Topic<?, ?>>map(t -> t.besideInput(worldPartitions)).toList();
  }

  /** Every topic in the catalog, in data-flow order. */
  public static List<Topic<?, ?>> all() {
    return List.of(
        WORLD_EVENTS,
        RETENTION_RECEIPTS,
        RETENTION_STATS,
        RETENTION_STATS_JSON,
        COPY_LEDGER,
        COPY_RECEIPTS,
        EXPOSURE_STATS,
        EXPOSURE_STATS_JSON,
        DEAD_LETTERS,
        SCHEMAS);
  }
}
