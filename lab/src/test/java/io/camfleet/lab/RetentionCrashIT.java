package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import io.camfleet.testkafka.TestKafka;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exactly-once under crashes: the retention service runs as its own JVM, is killed with SIGKILL
 * three times mid-run and restarted on the same state folder; an independent verifier then finds
 * no receipt missing, none duplicated and none wrong.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RetentionCrashIT {
  private static final List<RetentionVerifier.SimplePolicy> POLICIES = List.of(
      new RetentionVerifier.SimplePolicy("status-quo-2019", 60, Map.of("EU", 30), true),
      new RetentionVerifier.SimplePolicy("eu-30-days", 30, Map.of(), true));

  @Test
  void killedThreeTimesTheServiceStillDecidesEveryClipExactlyOnce() throws Exception {
    // The catalog's topic names: the service process runs with its defaults. The shared test broker
    // holds no other run of them, as this is the only test that uses them.
    TestKafka.createTopics(Topics.all());
    ClientConfig client = new ClientConfig(TestKafka.bootstrapServers(), new Properties());
    World world = World.read(Path.of("../worlds/default.yaml")).withCameras(200);
    try (KafkaEventSink sink = new KafkaEventSink(client, Topics.WORLD_EVENTS)) {
      Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
    }

    Path state = Files.createTempDirectory("crash-state-");
    int kills = 0;
    Process service = startService(state);
    while (kills < 3) {
      Thread.sleep(7_000);
      service.destroyForcibly().waitFor();
      kills++;
      service = startService(state);
    }
    try {
      waitForFinalStats(client);
    } finally {
      service.destroy();
      service.waitFor(30, TimeUnit.SECONDS);
    }

    RetentionVerifier verifier = new RetentionVerifier();
    readAll(client, Topics.WORLD_EVENTS.name(), (key, bytes) ->
        verifier.accept(Topics.WORLD_EVENTS.valueSerde().deserializer().deserialize("", bytes)));
    Map<String, Integer> expected = verifier.expected(POLICIES);
    Map<String, Integer> actual = new TreeMap<>();
    readAll(client, Topics.RETENTION_RECEIPTS.name(), (key, bytes) -> {
      RetentionReceipt r = Topics.RETENTION_RECEIPTS.valueSerde().deserializer().deserialize("", bytes);
      actual.merge(r.getPolicy() + " " + r.getClipId() + " " + r.getKind() + " " + r.getDecidedAt(), 1, Integer::sum);
    });

    Set<String> missing = new HashSet<>(expected.keySet());
    missing.removeAll(actual.keySet());
    Set<String> wrong = new HashSet<>(actual.keySet());
    wrong.removeAll(expected.keySet());
    long duplicated = actual.entrySet().stream().filter(e -> e.getValue() > expected.getOrDefault(e.getKey(), 0)).count();
    assertTrue(expected.size() > 10_000, "a run with real work: " + expected.size() + " receipts");
    assertEquals(Set.of(), missing, "missing receipts");
    assertEquals(Set.of(), wrong, "receipts the verifier does not expect");
    assertEquals(0, duplicated, "duplicated receipts");
    assertEquals(3, kills);
  }

  private static Process startService(Path state) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx512m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.camfleet.avro",
            "-cp", System.getProperty("java.class.path"), Camfleet.class.getName(), "retention-service",
            "--policy", "../policies/status-quo-2019.yaml", "--policy", "../policies/eu-30-days.yaml",
            "--bootstrap-servers", TestKafka.bootstrapServers(), "--state-dir", state.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/retention-crash-service.log")))
        .start();
  }

  private static void waitForFinalStats(ClientConfig client) {
    Set<String> finals = new HashSet<>();
    Properties p = consumerProps(client);
    try (KafkaConsumer<String, DailyStats> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), Topics.RETENTION_STATS.valueSerde().deserializer())) {
      consumer.subscribe(List.of(Topics.RETENTION_STATS.name()));
      while (finals.size() < POLICIES.size()) {
        for (ConsumerRecord<String, DailyStats> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.value().getLast()) {
            finals.add(r.value().getPolicy());
          }
        }
      }
    }
  }

  private static void readAll(ClientConfig client, String topic, java.util.function.BiConsumer<String, byte[]> each) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(consumerProps(client), new StringDeserializer(), new ByteArrayDeserializer())) {
      var partitions = consumer.partitionsFor(topic).stream()
          .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          each.accept(r.key(), r.value());
        }
      }
    }
  }

  private static Properties consumerProps(ClientConfig client) {
    Properties p = client.toProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "verifier-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return p;
  }
}
