package io.camfleet.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.streams.StateFolder.Action;
import io.camfleet.streams.StateFolder.Decision;
import io.camfleet.streams.StateFolder.Provenance;
import io.camfleet.streams.StateFolder.TopologyTopics;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state folder's marker and what each start does with the state it finds. */
class StateFolderTest {
  private static final String CLUSTER_A = "AAAAAAAAAAAAAAAAAAAAAA";
  private static final String CLUSTER_B = "BBBBBBBBBBBBBBBBBBBBBB";
  private static final String TOPIC_1 = "topic-id-1";
  private static final String TOPIC_2 = "topic-id-2";
  private static final Path FOLDER = Path.of("/state/app-1");

  @TempDir Path dir;

  @Test
  void aFolderKeepsItsMemberNameUntilItsStateIsDeleted() throws Exception {
    String first = StateFolder.memberName(dir);
    assertTrue(first.startsWith("camfleet-"), first);
    assertEquals(first, StateFolder.memberName(dir), "read back, not made again");
    assertEquals(first + "\n", Files.readString(dir.resolve(StateFolder.MEMBER_FILE)));
    assertFalse(StateFolder.hasState(dir), "the name alone is no state");

    StateFolder.deleteContents(dir);
    String second = StateFolder.memberName(dir);
    assertFalse(first.equals(second), "a folder whose state was deleted is a new member");
    assertFalse(
        StateFolder.memberName(Files.createDirectory(dir.resolve("other"))).equals(second),
        "another folder, another member");
  }

  @Test
  void theStreamThreadsJoinAsStaticMembersUnlessTheSettingsSayOtherwise() throws Exception {
    String key = StreamsConfig.mainConsumerPrefix("group.instance.id");
    Properties plain = new Properties();
    ServiceRunner.joinAsStaticMember(plain, dir);
    assertEquals(StateFolder.memberName(dir), plain.get(key));

    Properties given = new Properties();
    given.put("group.instance.id", "chosen");
    ServiceRunner.joinAsStaticMember(given, dir);
    assertFalse(given.containsKey(key), "the client settings' own name is kept");

    Properties streamsProtocol = new Properties();
    streamsProtocol.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams");
    ServiceRunner.joinAsStaticMember(streamsProtocol, dir);
    assertFalse(streamsProtocol.containsKey(key), "no static members in the streams protocol");
  }

  private static Provenance on(String cluster, String worldEventsId) {
    return new Provenance(cluster, new TreeMap<>(Map.of("world-events", worldEventsId)));
  }

  private static Decision decide(
      Provenance recorded, boolean hasState, Provenance current, boolean changelogs) {
    return StateFolder.decide(
        FOLDER, Optional.ofNullable(recorded), hasState, current, changelogs, false);
  }

  @Test
  void keepsStateBuiltOnThisClusterFromThisTopic() {
    assertEquals(
        new Decision(Action.KEEP, null),
        decide(on(CLUSTER_A, TOPIC_1), true, on(CLUSTER_A, TOPIC_1), true));
  }

  @Test
  void keepsAnEmptyFolderWithoutMarker() {
    assertEquals(
        new Decision(Action.KEEP, null), decide(null, false, on(CLUSTER_A, TOPIC_1), true));
  }

  @Test
  void deletesStateBuiltOnAnotherClusterAndSaysWhy() {
    assertEquals(
        new Decision(
            Action.RESET_LOCAL,
            "deleted the local state in /state/app-1: it was built on Kafka cluster "
                + CLUSTER_A
                + ", and this is cluster "
                + CLUSTER_B
                + "; it is rebuilt from this cluster's topics"),
        decide(on(CLUSTER_A, TOPIC_1), true, on(CLUSTER_B, TOPIC_1), false));
  }

  @Test
  void saysNothingWhenAnotherClustersFolderHoldsNoState() {
    assertEquals(
        new Decision(Action.KEEP, null),
        decide(on(CLUSTER_A, TOPIC_1), false, on(CLUSTER_B, TOPIC_2), false));
  }

  @Test
  void refusesStateOfARecreatedInputTopicEvenWithNoLocalStateLeft() {
    String message =
        "the state in /state/app-1 was built from an earlier world-events (topic id "
            + TOPIC_1
            + ", now "
            + TOPIC_2
            + ") on this Kafka cluster: it is stale, and so are the application's changelog topics"
            + " and committed offsets; start with --reset-state to delete them and process world-events again from the start";

    assertEquals(
        new Decision(Action.REFUSE, message),
        decide(on(CLUSTER_A, TOPIC_1), true, on(CLUSTER_A, TOPIC_2), true));
    // the changelogs and offsets on the cluster are stale whatever the folder holds
    assertEquals(
        new Decision(Action.REFUSE, message),
        decide(on(CLUSTER_A, TOPIC_1), false, on(CLUSTER_A, TOPIC_2), true));
  }

  @Test
  void takesOnAnInputTopicTheMarkerDoesNotName() {
    assertEquals(
        new Decision(Action.KEEP, null),
        decide(new Provenance(CLUSTER_A, new TreeMap<>()), true, on(CLUSTER_A, TOPIC_1), true));
  }

  @Test
  void deletesStateWithoutMarkerWhenThisClusterHasNoneOfItsChangelogs() {
    assertEquals(
        new Decision(
            Action.RESET_LOCAL,
            "deleted the local state in /state/app-1: it does not name the Kafka cluster it was built on (an earlier"
                + " camfleet wrote it), and cluster "
                + CLUSTER_B
                + " has none of its changelog topics, so it was built"
                + " on another; it is rebuilt from this cluster's topics"),
        decide(null, true, on(CLUSTER_B, TOPIC_1), false));
  }

  @Test
  void refusesStateWithoutMarkerWhenThisClusterHasItsChangelogs() {
    assertEquals(
        new Decision(
            Action.REFUSE,
            "the state in /state/app-1 does not name the Kafka cluster and world-events it was built from (an earlier"
                + " camfleet wrote it): start with --reset-state to delete it with the application's changelog topics"
                + " and committed offsets and process world-events again from the start, or, if world-events was never"
                + " recreated, with --state-dir and an empty folder to rebuild it from this cluster's changelog topics"),
        decide(null, true, on(CLUSTER_A, TOPIC_1), true));
  }

  @Test
  void resetStateDeletesEverythingWhateverTheMarkerSays() {
    for (Provenance recorded :
        new Provenance[] {null, on(CLUSTER_A, TOPIC_1), on(CLUSTER_B, TOPIC_2)}) {
      assertEquals(
          new Decision(Action.RESET_ALL, null),
          StateFolder.decide(
              FOLDER, Optional.ofNullable(recorded), true, on(CLUSTER_A, TOPIC_1), true, true));
    }
  }

  @Test
  void resetMessageNamesWhatWasDeleted() {
    assertEquals(
        "--reset-state: deleted the local state in /state/app-1, and the committed offsets and 5 internal topics of"
            + " app-1 on Kafka cluster "
            + CLUSTER_A
            + "; world-events is processed again from the start (output topics"
            + " keep what they hold)",
        StateFolder.resetMessage(FOLDER, "app-1", 5, CLUSTER_A, List.of("world-events")));
    assertTrue(
        StateFolder.resetMessage(FOLDER, "app-1", 1, CLUSTER_A, List.of("world-events"))
            .contains(" and 1 internal topic of app-1 "));
  }

  @Test
  void markerReadsBackAsWritten() throws Exception {
    Provenance written =
        new Provenance(CLUSTER_A, new TreeMap<>(Map.of("world-events", TOPIC_1, "other", TOPIC_2)));

    written.write(dir, "app-1");

    assertEquals(Optional.of(written), Provenance.read(dir));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of(StateFolder.MARKER), files.map(p -> p.getFileName().toString()).toList());
    }
    assertTrue(
        Files.readString(dir.resolve(StateFolder.MARKER))
            .contains("\ncluster.id=" + CLUSTER_A + "\n"));
  }

  @Test
  void aMissingOrUnreadableMarkerIsNoMarker() throws Exception {
    assertEquals(Optional.empty(), Provenance.read(dir));
    Files.writeString(dir.resolve(StateFolder.MARKER), "topic.world-events=" + TOPIC_1 + "\n");
    assertEquals(Optional.empty(), Provenance.read(dir));
    Files.writeString(dir.resolve(StateFolder.MARKER), "cluster.id=\\u00");
    assertEquals(Optional.empty(), Provenance.read(dir));
  }

  @Test
  void onlyFoldersCountAsState() throws Exception {
    assertFalse(StateFolder.hasState(dir.resolve("absent")));
    assertFalse(StateFolder.hasState(dir));
    Files.writeString(dir.resolve("kafka-streams-process-metadata"), "{}");
    Files.writeString(dir.resolve(StateFolder.MARKER), "cluster.id=" + CLUSTER_A);
    assertFalse(StateFolder.hasState(dir));
    Files.createDirectories(dir.resolve("0_1/rocksdb/store"));
    assertTrue(StateFolder.hasState(dir));
  }

  @Test
  void deletingTheContentsKeepsOnlyKafkaStreamsLock() throws Exception {
    Files.writeString(dir.resolve(".lock"), "");
    Files.writeString(dir.resolve("kafka-streams-process-metadata"), "{}");
    Files.writeString(dir.resolve(StateFolder.MARKER), "cluster.id=" + CLUSTER_A);
    Files.createDirectories(dir.resolve("0_1/rocksdb/store"));
    Files.writeString(dir.resolve("0_1/rocksdb/store/000001.sst"), "x");
    Files.writeString(dir.resolve("0_1/.checkpoint"), "x");

    StateFolder.deleteContents(dir);

    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(".lock"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void readsTheProcessIdKafkaStreamsGaveTheFolder() throws Exception {
    assertEquals(Optional.empty(), StateFolder.processId(dir));
    Files.writeString(
        dir.resolve("kafka-streams-process-metadata"),
        "{\"processId\":\"0f8e7a52-3c5b-4d0e-9a4e-6b1f2c3d4e5f\"}");

    assertEquals(Optional.of("0f8e7a52-3c5b-4d0e-9a4e-6b1f2c3d4e5f"), StateFolder.processId(dir));
  }

  @Test
  void refusesAFolderAnotherInstanceHoldsBeforeAskingTheCluster() throws Exception {
    StreamsSettings settings =
        StreamsSettings.defaults("app-1", new ClientConfig("localhost:1", null)).withStateDir(dir);
    Path folder = Files.createDirectories(dir.resolve("app-1"));
    try (FileChannel channel =
            FileChannel.open(
                folder.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      StateFolderException refused =
          assertThrows(
              StateFolderException.class,
              () -> StateFolder.prepare(topology("in", "out"), settings, false, notice -> {}));

      assertEquals(
          "the state in "
              + folder
              + " is in use by another running instance: stop it, or start this one with another"
              + " --state-dir",
          refused.getMessage());
    }
  }

  @Test
  void stateRootIsTheOptionElseTheClientSettingElseKafkaStreamsDefault() {
    ClientConfig plain = new ClientConfig("localhost:1", null);
    Properties withStateDir = new Properties();
    withStateDir.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("from-config").toString());
    ClientConfig configured = new ClientConfig("localhost:1", withStateDir);

    assertEquals(
        Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toAbsolutePath(),
        StreamsSettings.defaults("app-1", plain).stateRoot());
    assertEquals(
        dir.resolve("from-config"), StreamsSettings.defaults("app-1", configured).stateRoot());
    assertEquals(
        dir.resolve("option").resolve("app-1"),
        StreamsSettings.defaults("app-1", configured)
            .withStateDir(dir.resolve("option"))
            .applicationStateDir());
  }

  @Test
  void findsTheInputAndEveryInternalTopicKafkaStreamsCreates() {
    Topology topology = topology("in", "out");
    TopologyTopics topics = TopologyTopics.of(topology, "app-1");

    assertEquals(Set.of("in"), topics.inputs());
    assertEquals(Set.of("app-1-counts-changelog"), topics.changelogs());
    assertEquals(Set.of("app-1-by-value-repartition"), topics.repartitions());

    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "app-1");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
    config.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, config)) {
      TestInputTopic<String, String> in =
          driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
      in.pipeInput("k", "v");
      Set<String> internal = new TreeSet<>(driver.producedTopicNames());
      internal.remove("out");
      assertEquals(topics.internal(), internal);
    }
  }

  /**
   * Reads {@code in}, repartitions by value, counts in a store, writes the counts to {@code out}.
   */
  private static Topology topology(String in, String out) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore("counts"), Serdes.String(), Serdes.Long()));
    builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()))
        .selectKey((key, value) -> value)
        .repartition(
            Repartitioned.<String, String>as("by-value")
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.String()))
        .process(Counter::new, "counts")
        .to(out, Produced.with(Serdes.String(), Serdes.Long()));
    return builder.build();
  }

  private static final class Counter implements Processor<String, String, String, Long> {
    private ProcessorContext<String, Long> context;
    private KeyValueStore<String, Long> counts;

    @Override
    public void init(ProcessorContext<String, Long> context) {
      this.context = context;
      this.counts = context.getStateStore("counts");
    }

    @Override
    public void process(Record<String, String> record) {
      Long before = counts.get(record.key());
      long now = before == null ? 1 : before + 1;
      counts.put(record.key(), now);
      context.forward(record.withValue(now));
    }
  }
}
