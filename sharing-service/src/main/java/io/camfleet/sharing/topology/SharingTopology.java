package io.camfleet.sharing.topology;

import io.camfleet.avro.ClipExposure;
import io.camfleet.avro.ClipHolds;
import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyStatus;
import io.camfleet.avro.HouseholdExposure;
import io.camfleet.avro.HouseholdSignal;
import io.camfleet.avro.SourceWatermark;
import io.camfleet.avro.StatsDelta;
import io.camfleet.policy.PolicyRules;
import io.camfleet.schemas.AvroSerde;
import io.camfleet.schemas.Runs;
import io.camfleet.schemas.stats.StatsService;
import io.camfleet.streams.RepartitionTopic;
import io.camfleet.streams.TopicStreams;
import io.camfleet.streams.stats.DailyDeltas;
import io.camfleet.streams.stats.StatsPipeline;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The sharing service's topology, for every policy over one read of the world: the copy ledger on
 * the camera's partition, household exposure after a repartition by household, and the daily
 * statistics of both summed per policy.
 */
public final class SharingTopology {
  public static final String SERVICE = StatsService.SHARING.id();

  static final String CLIPS_STORE = "sharing-clips";
  static final String REGISTRY_STORE = "sharing-copy-registry";
  static final String SCHEDULE_STORE = "sharing-expiry-schedule";
  static final String COPY_DAYS_STORE = "sharing-copy-days";
  static final String HOLDS_STORE = "sharing-clip-holds";
  static final String HOUSEHOLDS_STORE = "sharing-households";
  static final String HOUSEHOLD_BUFFER_STORE = "sharing-household-buffer";
  static final String WATERMARKS_STORE = "sharing-household-watermarks";
  static final String HOUSEHOLD_DAYS_STORE = "sharing-household-days";
  static final String HOUSEHOLD_SIGNALS = "sharing-household-signals";

  private SharingTopology() {}

  /**
   * The topology's repartition topics for an input of {@code inputPartitions} partitions, for the
   * service to create before it starts.
   */
  public static List<RepartitionTopic> repartitionTopics(int inputPartitions) {
    return List.of(householdSignals(inputPartitions), StatsPipeline.deltasTopic(SERVICE));
  }

  /** Household changes, by household, on as many partitions as the input. */
  private static RepartitionTopic householdSignals(int inputPartitions) {
    return new RepartitionTopic(HOUSEHOLD_SIGNALS, inputPartitions);
  }

  /**
   * Builds the topology for {@code policies} reading {@code topics.worldEvents()}, which has {@code
   * inputPartitions} partitions.
   */
  public static Topology build(
      SharingTopics topics, List<PolicyRules> policies, int inputPartitions) {
    return build(topics, policies, Runs.ONLY, inputPartitions, CopyCounter.NONE);
  }

  /**
   * The same topology for an input carrying {@code runs} ({@link Runs}), telling {@code counter} of
   * each new copy and each copy receipt it writes.
   */
  public static Topology build(
      SharingTopics topics,
      List<PolicyRules> policies,
      List<String> runs,
      int inputPartitions,
      CopyCounter counter) {
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("the sharing service enforces at least one policy");
    }
    Set<String> names = new HashSet<>();
    for (PolicyRules rules : policies) {
      if (!names.add(rules.policyName())) {
        throw new IllegalArgumentException("two policies are named " + rules.policyName());
      }
    }
    if (inputPartitions < 1) {
      throw new IllegalArgumentException(
          "the input has at least one partition, not " + inputPartitions);
    }
    List<String> policyNames = policies.stream().map(PolicyRules::policyName).toList();
    List<PolicyRules> rules = List.copyOf(policies);

    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(store(CopyStores.COPIES, AvroSerde.of(CopyLedgerEntry.class)));
    builder.addStateStore(store(CopyStores.HOLDER_COPIES, Serdes.String()));
    builder.addStateStore(store(CopyStores.ENDED_COPIES, AvroSerde.of(CopyLedgerEntry.class)));
    builder.addStateStore(store(CopyStores.HOLDER_ENDED_COPIES, Serdes.String()));
    builder.addStateStore(store(CopyStores.RECEIPTS, AvroSerde.of(CopyReceipt.class)));
    builder.addStateStore(store(CLIPS_STORE, AvroSerde.of(ClipExposure.class)));
    builder.addStateStore(store(REGISTRY_STORE, Serdes.String()));
    builder.addStateStore(store(SCHEDULE_STORE, Serdes.String()));
    builder.addStateStore(DailyDeltas.storeBuilder(COPY_DAYS_STORE));
    builder.addStateStore(store(HOLDS_STORE, AvroSerde.of(ClipHolds.class)));
    builder.addStateStore(store(HOUSEHOLDS_STORE, AvroSerde.of(HouseholdExposure.class)));
    builder.addStateStore(store(HOUSEHOLD_BUFFER_STORE, AvroSerde.of(HouseholdSignal.class)));
    builder.addStateStore(store(WATERMARKS_STORE, SourceMark.SERDE));
    builder.addStateStore(DailyDeltas.storeBuilder(HOUSEHOLD_DAYS_STORE));

    KStream<String, SpecificRecord> ledger =
        builder.stream(topics.worldEvents().name(), TopicStreams.valuesOf(topics.worldEvents()))
            .process(
                () -> new CopyLedgerProcessor(rules, runs),
                Named.as("copy-ledger"),
                CopyStores.COPIES,
                CopyStores.HOLDER_COPIES,
                CopyStores.ENDED_COPIES,
                CopyStores.HOLDER_ENDED_COPIES,
                CopyStores.RECEIPTS,
                CLIPS_STORE,
                REGISTRY_STORE,
                SCHEDULE_STORE,
                COPY_DAYS_STORE,
                HOLDS_STORE);

    // Counting renumbers the generated names of later nodes; no store or internal topic takes its
    // name from one, so a running application upgrades in place.
    ofType(ledger, CopyLedgerEntry.class)
        .peek(
            (key, copy) -> {
              if (copy.getStatus() == CopyStatus.ALIVE) {
                counter.made(copy);
              }
            },
            Named.as("sharing-copy-counter"))
        .to(topics.copyLedger().name(), TopicStreams.produced(topics.copyLedger()));
    ofType(ledger, CopyReceipt.class)
        .peek((key, receipt) -> counter.receipt(receipt), Named.as("sharing-copy-receipt-counter"))
        .to(topics.copyReceipts().name(), TopicStreams.produced(topics.copyReceipts()));

    KStream<String, StatsDelta> householdDeltas =
        ofType(ledger, HouseholdSignal.class)
            .repartition(
                householdSignals(inputPartitions)
                    .repartitioned(Serdes.String(), AvroSerde.of(HouseholdSignal.class))
                    .withStreamPartitioner(new HouseholdSignalPartitioner()))
            .process(
                () -> new HouseholdExposureProcessor(policyNames, runs, inputPartitions),
                Named.as("household-exposure"),
                HOUSEHOLDS_STORE,
                HOUSEHOLD_BUFFER_STORE,
                WATERMARKS_STORE,
                HOUSEHOLD_DAYS_STORE);

    // Each input partition reports its days twice: from the copy ledger and from the households.
    // The merge puts both processors in one sub-topology (task p reads world-events p and
    // household-signals p), so neither may rely on the task's stream time, nor on the order in
    // which the two inputs interleave (task idling is off: StreamsSettings).
    StatsPipeline.attach(
        builder,
        ofType(ledger, StatsDelta.class).merge(householdDeltas),
        topics.exposureStats(),
        topics.exposureStatsJson(),
        SERVICE,
        2 * inputPartitions);
    return builder.build();
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(name), Serdes.String(), values);
  }

  private static <T> KStream<String, T> ofType(
      KStream<String, SpecificRecord> stream, Class<T> type) {
    return stream.filter((key, value) -> type.isInstance(value)).mapValues(type::cast);
  }

  /** Household changes go by key; watermarks go to every partition. */
  static final class HouseholdSignalPartitioner
      implements StreamPartitioner<String, HouseholdSignal> {
    @Override
    public Optional<Set<Integer>> partitions(
        String topic, String key, HouseholdSignal value, Headers headers, int numPartitions) {
      if (value.getSignal() instanceof SourceWatermark) {
        return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
      }
      return Optional.empty();
    }

    // Still abstract in the interface; Kafka Streams calls the variant with headers.
    @SuppressWarnings("removal")
    @Override
    public Optional<Set<Integer>> partitions(
        String topic, String key, HouseholdSignal value, int numPartitions) {
      return partitions(topic, key, value, null, numPartitions);
    }
  }
}
