package io.camfleet.bench;

import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.SimulationSummary;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.sink.AvroFileSink;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Items 1 and 2: the simulator publishing to Kafka (against ProducerPerformance) and writing an
 * Avro file.
 */
final class ProducerBench {
  /**
   * The producer settings of {@code KafkaEventSink}, given to ProducerPerformance unchanged, which
   * also commits a transaction as often as the sink does.
   */
  static final Map<String, String> SINK_SETTINGS =
      Map.of(
          "acks",
          "all",
          "enable.idempotence",
          "true",
          "compression.type",
          "lz4",
          "linger.ms",
          "10",
          "batch.size",
          String.valueOf(256 * 1024));

  /**
   * Events of a world and their average serialized size (key plus value), from one run into a
   * measuring sink.
   */
  record Shape(long events, double averageBytes) {}

  static Shape shape(World world) {
    Serializer<WorldEvent> values = Topics.WORLD_EVENTS.valueSerde().serializer();
    long[] counts = new long[2];
    EventSink measuring =
        new EventSink() {
          @Override
          public void send(String key, Integer partition, WorldEvent event) {
            counts[0]++;
            counts[1] +=
                key.getBytes(StandardCharsets.UTF_8).length + values.serialize("", event).length;
          }

          @Override
          public void close() {}
        };
    Simulator.run(world, SimulationOptions.defaults(), measuring, ProgressListener.NONE);
    return new Shape(counts[0], (double) counts[1] / counts[0]);
  }

  record KafkaResult(Ratios.Comparison comparison, String profile) {}

  /**
   * Alternating runs of the simulator into {@code KafkaEventSink} and of ProducerPerformance, after
   * one discarded pair, so that neither side's first measured run pays for compiling the producer.
   */
  static KafkaResult simulatorVersusProducerPerformance(
      World world, Shape shape, ClientConfig client, int runs, BenchProgress progress)
      throws Exception {
    List<Double> ours = new ArrayList<>();
    List<Double> theirs = new ArrayList<>();
    String[] profile = {""};
    for (int i = -1; i < runs; i++) {
      String round = i < 0 ? "warm-up" : "run " + (i + 1) + " of " + runs;
      String suffix = i < 0 ? "warm-up" : String.valueOf(i);
      double simulator = simulatorRate(world, shape, client, "bench-simulator-" + suffix, profile);
      progress.step("1. " + round + ": " + BenchProgress.rate("simulator", simulator, "events"));
      double producer =
          producerPerformanceRate(shape, client, "bench-producer-performance-" + suffix);
      progress.step(
          "1. " + round + ": " + BenchProgress.rate("ProducerPerformance", producer, "records"));
      if (i >= 0) {
        ours.add(simulator);
        theirs.add(producer);
      }
    }
    return new KafkaResult(new Ratios.Comparison(ours, theirs), profile[0]);
  }

  /**
   * Events per second of one simulator run into a fresh topic; {@code profile[0]} gets the run's
   * CPU profile.
   */
  private static double simulatorRate(
      World world, Shape shape, ClientConfig client, String topicName, String[] profile)
      throws Exception {
    Topic<String, WorldEvent> topic = Topics.WORLD_EVENTS.renamed(topicName);
    TopicAdmin.createTopics(client.toProperties(), List.of(topic), 30);
    KafkaEventSink sink = new KafkaEventSink(client, topic);
    ThreadProfile cpu = ThreadProfile.start();
    long start = System.nanoTime();
    // Simulator.run aborts the sink on failure; close flushes, so it is inside the measured time
    try {
      Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
      profile[0] = cpu.top(4); // before close ends the producer's threads
    } finally {
      sink.close();
    }
    double rate = shape.events() / ((System.nanoTime() - start) / 1e9);
    delete(client, topicName);
    return rate;
  }

  /**
   * Records per second of one ProducerPerformance run into a fresh topic with the sink's settings.
   */
  private static double producerPerformanceRate(Shape shape, ClientConfig client, String topicName)
      throws Exception {
    TopicAdmin.createTopics(
        client.toProperties(), List.of(Topics.WORLD_EVENTS.renamed(topicName)), 30);
    double rate =
        KafkaTools.producerPerformance(
            client.bootstrapServers(),
            topicName,
            shape.events(),
            (int) Math.round(shape.averageBytes()),
            SINK_SETTINGS,
            KafkaEventSink.MAX_TRANSACTION_MILLIS);
    delete(client, topicName);
    return rate;
  }

  /**
   * Events per second into an uncompressed Avro container file, on this one thread; one value per
   * run.
   */
  static List<Double> simulatorToAvroFile(World world, int runs, BenchProgress progress)
      throws Exception {
    List<Double> rates = new ArrayList<>();
    Path dir = Files.createTempDirectory("camfleet-bench-avro-");
    try {
      for (int i = 0; i < runs; i++) {
        Path file = dir.resolve("world-" + i + ".avro");
        long start = System.nanoTime();
        SimulationSummary summary;
        try (AvroFileSink sink = new AvroFileSink(file)) {
          summary = Simulator.run(world, SimulationOptions.defaults(), sink, ProgressListener.NONE);
        }
        double rate = summary.totalEvents() / ((System.nanoTime() - start) / 1e9);
        rates.add(rate);
        progress.step(
            "2. run "
                + (i + 1)
                + " of "
                + runs
                + ": "
                + BenchProgress.rate("simulator", rate, "events"));
        Files.deleteIfExists(file);
      }
    } finally {
      Files.deleteIfExists(dir);
    }
    return rates;
  }

  static void delete(ClientConfig client, String... topics) {
    Properties p = client.toProperties();
    try (Admin admin = Admin.create(p)) {
      admin.deleteTopics(List.of(topics)).all().get();
    } catch (Exception e) {
      // best effort: the broker is temporary
    }
  }
}
