package io.camfleet.retention.topology;

import io.camfleet.avro.RetentionReceipt;
import io.camfleet.avro.StatsDelta;
import io.camfleet.policy.PolicyRules;
import io.camfleet.schemas.Runs;
import io.camfleet.schemas.stats.StatsService;
import io.camfleet.streams.RepartitionTopic;
import io.camfleet.streams.TopicStreams;
import io.camfleet.streams.stats.DailyDeltas;
import io.camfleet.streams.stats.StatsPipeline;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Builds the retention topology: one read of the world's events evaluates every policy.
 *
 * <p>Why one topology for many policies: on a two-core machine seven applications would read and
 * decode the same input seven times and run seven sets of threads, transactions and commits. Here
 * the input is decoded once and each policy only costs its store updates; state keys and output
 * keys carry the policy name, so the policies never mix.
 */
public final class RetentionTopology {
  public static final String SERVICE = StatsService.RETENTION.id();
  // Keyed by recording time, then clip id (ClipKey). The store had other names while it was
  // keyed by clip id beside an expiry index, and then by the recording time in hex
  // (retention-clips-by-time), so that state in an old layout is never read as the new one. Under
  // this name its keys were a TimeKey and its values Avro until ClipCodec's layout 1: the first
  // byte of every value tells them apart, and the processor refuses the older ones.
  static final String CLIPS_STORE = "retention-clips-by-recording-time";
  static final String EXPIRY_CURSOR_STORE = "retention-expiry-cursors";
  static final String DAY_DELTAS_STORE = "retention-day-deltas";

  private RetentionTopology() {}

  /** The topology's repartition topics, for the service to create before it starts. */
  public static List<RepartitionTopic> repartitionTopics() {
    return List.of(StatsPipeline.deltasTopic(SERVICE));
  }

  /**
   * @param inputPartitions partitions of the world-events topic: the statistics wait for a day to
   *     be closed on every one of them
   */
  public static Topology build(
      RetentionTopics topics, List<PolicyRules> policies, int inputPartitions) {
    return build(topics, policies, Runs.ONLY, inputPartitions, ReceiptCounter.NONE);
  }

  /**
   * The same topology for an input carrying {@code runs} ({@link Runs}), telling {@code receipts}
   * of each receipt on its way to the receipts topic.
   */
  public static Topology build(
      RetentionTopics topics,
      List<PolicyRules> policies,
      List<String> runs,
      int inputPartitions,
      ReceiptCounter receipts) {
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("no policies to enforce");
    }
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(RetentionProcessor.clipStore(CLIPS_STORE));
    builder.addStateStore(RetentionProcessor.cursorStore(EXPIRY_CURSOR_STORE));
    builder.addStateStore(DailyDeltas.storeBuilder(DAY_DELTAS_STORE));

    KStream<String, SpecificRecord> decisions =
        builder.stream(topics.worldEvents().name(), TopicStreams.valuesOf(topics.worldEvents()))
            .process(
                () ->
                    new RetentionProcessor(
                        policies, runs, CLIPS_STORE, EXPIRY_CURSOR_STORE, DAY_DELTAS_STORE),
                CLIPS_STORE,
                EXPIRY_CURSOR_STORE,
                DAY_DELTAS_STORE);

    decisions
        .filter((key, value) -> value instanceof RetentionReceipt)
        .mapValues(value -> (RetentionReceipt) value)
        // Counting renumbers the generated names of later nodes; no store or internal topic takes
        // its name from one, so a running application upgrades in place.
        .peek((key, receipt) -> receipts.written(receipt), Named.as("retention-receipt-counter"))
        .to(topics.receipts().name(), TopicStreams.produced(topics.receipts()));

    KStream<String, StatsDelta> deltas =
        decisions
            .filter((key, value) -> value instanceof StatsDelta)
            .mapValues(value -> (StatsDelta) value);
    StatsPipeline.attach(
        builder, deltas, topics.stats(), topics.statsJson(), SERVICE, inputPartitions);
    return builder.build();
  }
}
