package io.camfleet.bench;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.WorldEvent;
import io.camfleet.policy.Policy;
import io.camfleet.policy.PolicyRules;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.retention.topology.RetentionTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Item 4: the time the real retention topology spends expiring each clip, with few or many clips
 * alive. It runs under {@link TopologyTestDriver}, whose persistent stores are RocksDB as in the
 * service, but with one task and no broker: this isolates the store work of expiry from I/O.
 */
final class ExpiryScaling {
  private static final Instant DAY_0 = Instant.parse("2019-06-01T00:00:00Z");
  private static final int GROUPS = 3;
  private static final int DRAIN_EVERY = 100_000;

  private ExpiryScaling() {}

  /**
   * Nanoseconds per expired clip with {@code live} clips in the store, expiring {@code expiring} of
   * them in {@value #GROUPS} equal groups, one per timed clock tick: the median group.
   */
  static double nanosPerExpiredClip(Policy policy, int live, int expiring) throws Exception {
    if (expiring > live || expiring < GROUPS) {
      throw new IllegalArgumentException(
          "expire between " + GROUPS + " and " + live + " clips, not " + expiring);
    }
    Path stateDir = Files.createTempDirectory("camfleet-bench-expiry-");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-expiry");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    RetentionTopics topics = RetentionTopics.defaults();
    List<PolicyRules> rules = List.of(policy.rules());
    long retentionMs = rules.get(0).dueAt("US", DAY_0.toEpochMilli()) - DAY_0.toEpochMilli();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(RetentionTopology.build(topics, rules, 1), props)) {
      TestInputTopic<String, WorldEvent> in =
          driver.createInputTopic(
              topics.worldEvents().name(),
              topics.worldEvents().keySerde().serializer(),
              topics.worldEvents().valueSerde().serializer());
      int perGroup = expiring / GROUPS;
      long groupGap = Duration.ofHours(2).toMillis();
      int id = 0;
      // the clips to expire: group g recorded at DAY_0 + g * 2 h
      for (int g = 0; g < GROUPS; g++) {
        for (int i = 0; i < perGroup; i++) {
          clip(in, id++, DAY_0.toEpochMilli() + g * groupGap);
        }
      }
      // the rest, recorded over the following 20 days, stay alive throughout the measurement
      long laterStart = DAY_0.plus(Duration.ofDays(1)).toEpochMilli();
      long spread = Duration.ofDays(20).toMillis();
      int rest = live - perGroup * GROUPS;
      for (int i = 0; i < rest; i++) {
        clip(in, id++, laterStart + spread * i / Math.max(1, rest));
        if (i % DRAIN_EVERY == DRAIN_EVERY - 1) {
          drainOutputs(driver);
        }
      }
      drainOutputs(driver);
      long firstDue = DAY_0.toEpochMilli() + retentionMs;
      // close the days in between first, so the timed ticks do only expiry
      tick(in, firstDue - Duration.ofHours(1).toMillis());
      List<Double> perClip = new ArrayList<>();
      for (int g = 0; g < GROUPS; g++) {
        long start = System.nanoTime();
        tick(in, firstDue + g * groupGap + Duration.ofMinutes(30).toMillis());
        perClip.add((System.nanoTime() - start) / (double) perGroup);
      }
      return Ratios.median(perClip);
    } finally {
      ServiceBench.deleteRecursively(stateDir);
    }
  }

  /**
   * Drops the records the driver has kept for every output and changelog topic. The driver holds
   * each one until a test reads it: at 10 million live clips the store's changelog records alone
   * outgrew a 2 GiB heap.
   */
  private static void drainOutputs(TopologyTestDriver driver) {
    for (String topic : driver.producedTopicNames()) {
      driver
          .createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
          .readRecordsToList();
    }
  }

  private static void clip(TestInputTopic<String, WorldEvent> in, int n, long at) {
    String clipId = "clip-" + n;
    String camera = "cam-" + (n % 100_000);
    in.pipeInput(
        camera,
        WorldEvent.newBuilder()
            .setEventTime(at)
            .setEvent(
                ClipRecorded.newBuilder()
                    .setClipId(clipId)
                    .setCameraId(camera)
                    .setHouseholdId("home-" + (n % 100_000))
                    .setRegion("US")
                    .setRecordedAt(at)
                    .setDurationSeconds(30)
                    .setSizeBytes(4_000_000)
                    .build())
            .build(),
        at);
  }

  private static void tick(TestInputTopic<String, WorldEvent> in, long at) {
    in.pipeInput(
        "tick-0",
        WorldEvent.newBuilder().setEventTime(at).setEvent(new ClockTick(0, false)).build(),
        at);
  }
}
