package io.camfleet.sharing.topology;

import io.camfleet.avro.CameraMapped;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyMade;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.DailyStats;
import io.camfleet.avro.PoliceRequest;
import io.camfleet.avro.RequestAnswer;
import io.camfleet.avro.RequestNotification;
import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.policy.Policy;
import io.camfleet.policy.PolicyRules;
import io.camfleet.policy.RequestCaps;
import io.camfleet.schemas.stats.StatsService;
import io.camfleet.streams.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The real sharing topology in a TopologyTestDriver, with the world as one partition. */
final class SharingDriver implements AutoCloseable {
  static final SharingTopics TOPICS = SharingTopics.defaults();

  private final Path stateDir;
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, WorldEvent> world;
  private final TestOutputTopic<String, CopyLedgerEntry> ledger;
  private final TestOutputTopic<String, CopyReceipt> receipts;
  private final TestOutputTopic<String, DailyStats> stats;
  private final TestOutputTopic<byte[], byte[]> deadLetters;

  private SharingDriver(List<Policy> policies) {
    List<PolicyRules> rules = policies.stream().map(Policy::rules).toList();
    // A folder of its own: under the shared default, a driver left open by another build on the
    // machine, or state left by a killed one, fails this one.
    try {
      stateDir = Files.createTempDirectory("sharing-test-state-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Properties props =
        StreamsSettings.defaults("sharing-test", new ClientConfig("test:9092", null))
            .withStateDir(stateDir)
            .toProperties();
    driver = new TopologyTestDriver(SharingTopology.build(TOPICS, rules, 1), props);
    world =
        driver.createInputTopic(
            TOPICS.worldEvents().name(),
            Serdes.String().serializer(),
            TOPICS.worldEvents().valueSerde().serializer());
    ledger =
        driver.createOutputTopic(
            TOPICS.copyLedger().name(),
            Serdes.String().deserializer(),
            TOPICS.copyLedger().valueSerde().deserializer());
    receipts =
        driver.createOutputTopic(
            TOPICS.copyReceipts().name(),
            Serdes.String().deserializer(),
            TOPICS.copyReceipts().valueSerde().deserializer());
    stats =
        driver.createOutputTopic(
            TOPICS.exposureStats().name(),
            Serdes.String().deserializer(),
            TOPICS.exposureStats().valueSerde().deserializer());
    deadLetters =
        driver.createOutputTopic(
            TOPICS.deadLetters().name(),
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer());
  }

  /** A driver enforcing bundled policies, by file name without {@code .yaml}. */
  static SharingDriver enforcing(String... bundledPolicies) {
    return new SharingDriver(Arrays.stream(bundledPolicies).map(SharingDriver::bundled).toList());
  }

  static SharingDriver enforcing(List<Policy> policies) {
    return new SharingDriver(policies);
  }

  static Policy bundled(String name) {
    return Policy.read(Path.of("..", "policies", name + ".yaml"));
  }

  /**
   * A bundled policy whose request caps act at the share, under {@code newName}: the same caps
   * checked on each share instead of at the portal.
   */
  static Policy capsAtShare(String bundledName, String newName) {
    Policy policy = bundled(bundledName);
    RequestCaps caps = policy.requests();
    return new Policy(
        newName,
        policy.description(),
        policy.existingClips(),
        policy.retention(),
        policy.copies(),
        new RequestCaps(
            caps.maxWindowHours(),
            caps.minWindowMinutes(),
            caps.maxAreaSquareMiles(),
            caps.minAreaSquareMiles(),
            caps.maxLookBackDays(),
            RequestCaps.EnforcedAt.SHARE,
            caps.open()),
        policy.forwarding(),
        null,
        policy.addressDisclosed(),
        policy.stages());
  }

  /** Sends events keyed as the simulator keys them, each stamped with its event time. */
  SharingDriver send(WorldEvent... events) {
    for (WorldEvent event : events) {
      world.pipeInput(keyOf(event.getEvent()), event, event.getEventTime());
    }
    return this;
  }

  private static String keyOf(Object event) {
    if (event instanceof ClipShared share) {
      return share.getCameraId();
    } else if (event instanceof CopyMade copy) {
      return copy.getCameraId();
    } else if (event instanceof PoliceRequest request) {
      return request.getRequestId();
    } else if (event instanceof RequestNotification notification) {
      return notification.getCameraId();
    } else if (event instanceof RequestAnswer answer) {
      return answer.getCameraId();
    } else if (event instanceof CameraMapped mapped) {
      return mapped.getCameraId();
    }
    return "0";
  }

  List<CopyLedgerEntry> ledger() {
    return ledger.readValuesToList();
  }

  List<KeyValue<String, CopyLedgerEntry>> ledgerRecords() {
    return ledger.readKeyValuesToList();
  }

  /** Ledger records with their timestamps, as {@code key status at ISO-time}. */
  List<String> ledgerHistory() {
    return ledger.readRecordsToList().stream()
        .map(r -> r.key() + " " + r.value().getStatus() + " at " + r.getRecordTime())
        .toList();
  }

  List<CopyReceipt> receipts() {
    return receipts.readValuesToList();
  }

  List<DailyStats> stats() {
    return stats.readValuesToList();
  }

  /** The error message of each record sent to the dead-letter topic. */
  List<String> deadLetterErrors() {
    return deadLetters.readRecordsToList().stream()
        .map(
            r ->
                new String(
                    r.headers().lastHeader("__streams.errors.message").value(),
                    StandardCharsets.UTF_8))
        .toList();
  }

  /**
   * The days on which a measure of a policy changed, with its value from that day: {@code
   * day=value}.
   */
  static List<String> changesOf(List<DailyStats> stats, String policy, String measure) {
    StatsService.SHARING.key(measure); // an unknown name fails here
    List<String> changes = new ArrayList<>();
    Long previous = null;
    for (DailyStats day : stats) {
      if (day.getPolicy().equals(policy)) {
        Long value = day.getMeasures().get(measure);
        if (!value.equals(previous)) {
          changes.add(day.getDay() + "=" + value);
          previous = value;
        }
      }
    }
    return changes;
  }

  /** The measures of the given policy's last day, among the stats written since the last read. */
  static Map<String, Long> lastDay(List<DailyStats> stats, String policy) {
    DailyStats last = null;
    for (DailyStats day : stats) {
      if (day.getPolicy().equals(policy)) {
        last = day;
      }
    }
    if (last == null || !last.getLast()) {
      throw new AssertionError("no final day for " + policy + " in " + stats);
    }
    return last.getMeasures();
  }

  <V> KeyValueStore<String, V> store(String name) {
    return driver.getKeyValueStore(name);
  }

  /** Every entry of a store, in key order. */
  <V> Map<String, V> contents(String name) {
    Map<String, V> entries = new LinkedHashMap<>();
    KeyValueStore<String, V> store = store(name);
    try (KeyValueIterator<String, V> it = store.all()) {
      it.forEachRemaining(kv -> entries.put(kv.key, kv.value));
    }
    return entries;
  }

  List<String> keys(String name) {
    return new ArrayList<>(contents(name).keySet());
  }

  @Override
  public void close() {
    driver.close();
    try (var files = Files.walk(stateDir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
