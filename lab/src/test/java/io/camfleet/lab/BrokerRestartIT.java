package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.SimulationSummary;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import io.camfleet.streams.Processing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker runs as its own process and goes down twice while the simulator publishes and the
 * retention service works: first stopped (SIGTERM, a clean shutdown), then killed (SIGKILL), each
 * time started again on the same port and data folder. The run completes; every event is on the
 * topic once, and the verifier finds no receipt missing, duplicated or wrong.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class BrokerRestartIT {
  @TempDir Path tmp;

  private static final Duration DOWN = Duration.ofSeconds(5);
  private static final Duration WAIT = Duration.ofMinutes(2);

  @Test
  void brokerProcessStoppedThenKilledMidRunLosesAndDuplicatesNothing() throws Exception {
    long began = System.nanoTime();
    World world = World.read(Path.of("../worlds/default.yaml"));
    List<Policy> policies =
        Policies.read(
            List.of(
                Path.of("../policies/status-quo-2019.yaml"),
                Path.of("../policies/eu-30-days.yaml")));
    // The simulator is held at these simulated days until the fault is under way, then goes on
    // publishing into the broker that is down.
    Pause stopAt = new Pause(world.startInstant().plus(Duration.ofDays(25)));
    Pause killAt = new Pause(world.startInstant().plus(Duration.ofDays(60)));
    ExecutorService simulation = Executors.newSingleThreadExecutor();
    try (BrokerProcess broker =
        BrokerProcess.start(
            Files.createTempDirectory(tmp, "broker-process-"),
            Path.of("target/broker-restart-broker.log"))) {
      phase(began, "broker ready");
      ClientConfig client = new ClientConfig(broker.bootstrapServers(), new Properties());
      ReceiptCheck.Checked checked;
      try (RetentionService service =
          RetentionService.start(
              policies,
              client,
              RetentionOptions.of(
                  TopicPrefix.NONE,
                  policies,
                  Processing.inStateDir(Files.createTempDirectory(tmp, "broker-process-state-")),
                  Optional.empty()))) {
        phase(began, "retention service running");
        Future<SimulationSummary> run =
            simulation.submit(
                () -> {
                  try (KafkaEventSink kafka = new KafkaEventSink(client, Topics.WORLD_EVENTS)) {
                    return Simulator.run(
                        world,
                        SimulationOptions.defaults(),
                        pausing(kafka, stopAt, killAt),
                        ProgressListener.NONE);
                  }
                });

        stopAt.awaitReached();
        await(() -> committedReceipts(client) > 0, "the first receipts");
        long receiptsBeforeStop = committedReceipts(client);
        phase(
            began,
            "SIGTERM to the broker, simulator at day 25, " + receiptsBeforeStop + " receipts");
        int stopExit = broker.stop();
        stopAt.release();
        Thread.sleep(DOWN.toMillis());
        broker.startAgain();
        phase(began, "broker ready again");

        killAt.awaitReached();
        await(
            () -> committedReceipts(client) > receiptsBeforeStop,
            "receipts written after the restart");
        phase(
            began,
            "SIGKILL to the broker, simulator at day 60, "
                + committedReceipts(client)
                + " receipts");
        int killExit = broker.kill();
        killAt.release();
        Thread.sleep(DOWN.toMillis());
        broker.startAgain();
        phase(began, "broker ready again");

        SimulationSummary summary = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        phase(began, "simulator done");
        ReceiptCheck.awaitFinalStats(
            client, policies.size(), () -> service.streams().state().isRunningOrRebalancing());
        phase(began, "final statistics");
        assertEquals(143, stopExit, "SIGTERM: the broker's shutdown hook ran and it exited");
        assertEquals(137, killExit, "SIGKILL");
        assertEquals(
            summary.totalEvents(),
            ReceiptCheck.readAll(client, Topics.WORLD_EVENTS.name(), r -> {}),
            "each published event on world-events once");
        checked = ReceiptCheck.assertExactlyTheExpectedReceipts(client);
      }
      phase(
          began,
          "verified: "
              + checked.inputRecords()
              + " input records, "
              + checked.receipts()
              + " receipts");
    } finally {
      simulation.shutdownNow();
    }
  }

  /** Holds the simulator before its first event at or after {@code at}, until released. */
  private static final class Pause {
    private final long at;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    Pause(Instant at) {
      this.at = at.toEpochMilli();
    }

    void pass(long eventTime) {
      if (eventTime >= at && reached.getCount() > 0) {
        reached.countDown();
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while paused", e);
        }
      }
    }

    void awaitReached() throws InterruptedException {
      assertTrue(
          reached.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the simulator reached the pause");
    }

    void release() {
      released.countDown();
    }
  }

  private static EventSink pausing(EventSink sink, Pause... pauses) {
    return new EventSink() {
      @Override
      public void send(String key, Integer partition, WorldEvent event) {
        for (Pause pause : pauses) {
          pause.pass(event.getEventTime());
        }
        sink.send(key, partition, event);
      }

      @Override
      public void abort() {
        sink.abort();
      }

      @Override
      public void close() {
        sink.close();
      }
    };
  }

  private static void phase(long began, String what) {
    System.out.printf("BrokerRestartIT %5.1f s: %s%n", (System.nanoTime() - began) / 1e9, what);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "waited " + WAIT.toSeconds() + " s for " + what);
      Thread.sleep(200);
    }
  }

  /** Committed records on retention-receipts (the last stable offsets, summed over partitions). */
  private static long committedReceipts(ClientConfig client) {
    Properties p = client.toProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "receipt-count-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      String topic = Topics.RETENTION_RECEIPTS.name();
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
