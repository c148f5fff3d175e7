package io.camfleet.testkafka;

import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one broker fixture for integration tests: the official apache/kafka image through
 * Testcontainers when a Docker engine is available, otherwise a real in-process KRaft broker. One
 * broker serves every test in a JVM; tests keep apart by their own topic names and application ids.
 */
public final class TestKafka {
  private static final Logger log = LoggerFactory.getLogger(TestKafka.class);

  /** The official image of the Kafka version the build uses (its clients say which). */
  private static final String IMAGE = "apache/kafka:" + AppInfoParser.getVersion();

  private static String bootstrapServers;
  private static EmbeddedBroker embedded;

  private TestKafka() {}

  /** Address of the shared broker, started on first use and stopped when the JVM exits. */
  public static synchronized String bootstrapServers() {
    if (bootstrapServers == null) {
      if (dockerAvailable()) {
        // as EmbeddedBroker: no periodic expiry of idempotent producers writing old event times
        KafkaContainer container =
            new KafkaContainer(IMAGE)
                .withEnv(
                    "KAFKA_PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS",
                    String.valueOf(Integer.MAX_VALUE));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-kafka-stop"));
        bootstrapServers = container.getBootstrapServers();
        log.info("integration tests use Kafka in a container at {}", bootstrapServers);
      } else {
        embedded = EmbeddedBroker.startTemporary();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "test-kafka-stop"));
        bootstrapServers = embedded.bootstrapServers();
        log.info(
            "no Docker engine: integration tests use an in-process KRaft broker at {}",
            bootstrapServers);
      }
    }
    return bootstrapServers;
  }

  /** Client properties pointing at the shared broker. */
  public static Properties clientConfig() {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return props;
  }

  /**
   * Creates the given topics on the shared broker and returns once every partition of each answers
   * as leader. A topic created a moment ago can refuse a producer's first batch to a partition
   * whose leader is not ready while later batches land; an idempotent producer then retries that
   * batch as out of sequence until its delivery timeout, and the batch is lost.
   */
  public static void createTopics(Collection<? extends Topic<?, ?>> topics) {
    TopicAdmin.createTopics(clientConfig(), topics, 30);
    awaitLeaders(topics.stream().map(Topic::name).distinct().toList(), Duration.ofSeconds(30));
  }

  /** Asks every partition's latest offset, which only its leader answers, until all answer. */
  private static void awaitLeaders(List<String> topics, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String problem = "no answer";
    try (Admin admin = Admin.create(clientConfig())) {
      while (System.nanoTime() < deadline) {
        try {
          Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
          Map<String, TopicDescription> described =
              admin
                  .describeTopics(topics)
                  .allTopicNames()
                  .get(timeout.toSeconds(), TimeUnit.SECONDS);
          for (TopicDescription topic : described.values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
              latest.put(
                  new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest());
            }
          }
          admin.listOffsets(latest).all().get(timeout.toSeconds(), TimeUnit.SECONDS);
          return;
        } catch (ExecutionException e) {
          problem = e.getCause().getMessage();
        }
        Thread.sleep(100); // between two rounds of questions to the broker
      }
    } catch (TimeoutException e) {
      problem = "no answer within " + timeout;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + topics, e);
    }
    throw new IllegalStateException(
        String.format(
            "topics %s have no leader for every partition after %s: %s", topics, timeout, problem));
  }

  /**
   * The committed records of {@code topic}, from the start, read under a group of their own until
   * {@code enough} holds of them; fails after {@code timeout}.
   */
  public static List<ConsumerRecord<byte[], byte[]>> awaitRecords(
      String topic, Predicate<List<ConsumerRecord<byte[], byte[]>>> enough, Duration timeout) {
    Properties props = clientConfig();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, unique("test-kafka-reader"));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!enough.test(records)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "only " + records.size() + " records on " + topic + " after " + timeout);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** A name no other test uses, for topics and application ids. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
