package io.camfleet.streams;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Topics;
import io.camfleet.streams.metrics.CountingDeserializationExceptionHandler;
import io.camfleet.streams.metrics.CountingProcessingExceptionHandler;
import io.camfleet.streams.metrics.DeadLetterCounter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings every camfleet service runs with: exactly-once by default, bad records
 * to the dead-letter topic, bounded RocksDB memory.
 */
public record StreamsSettings(
    String applicationId,
    ClientConfig client,
    String processingGuarantee,
    Path stateDir,
    int threads,
    String deadLetterTopic,
    long commitIntervalMs,
    String applicationServer) {

  /** Commit interval unless one is given, under either guarantee. */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 1000;

  /** Kafka Streams' own default state folder: {@code kafka-streams} in the system's temp folder. */
  public static final String DEFAULT_STATE_DIR =
      (String) StreamsConfig.configDef().defaultValues().get(StreamsConfig.STATE_DIR_CONFIG);

  private static final Set<String> GUARANTEES =
      Set.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE);

  public StreamsSettings {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(client, "client");
    if (!applicationId.matches("[a-zA-Z0-9._-]{1,200}")) {
      throw new IllegalArgumentException("not a usable application id: " + applicationId);
    }
    processingGuarantee = processingGuarantee(processingGuarantee);
    threads = Math.max(1, threads);
    deadLetterTopic = deadLetterTopic == null ? Topics.DEAD_LETTERS.name() : deadLetterTopic;
  }

  /**
   * {@code guarantee} if it is one the services run with, exactly-once v2 for null.
   *
   * @throws IllegalArgumentException naming the option and the accepted values otherwise
   */
  public static String processingGuarantee(String guarantee) {
    if (guarantee == null) {
      return StreamsConfig.EXACTLY_ONCE_V2;
    }
    if (!GUARANTEES.contains(guarantee)) {
      throw new IllegalArgumentException(
          "--processing-guarantee must be exactly_once_v2 or at_least_once, not '"
              + guarantee
              + "'");
    }
    return guarantee;
  }

  /**
   * The folder that holds the state of every application id, as Kafka Streams will use it: {@link
   * #stateDir()}, else a {@code state.dir} among the client settings, else Kafka Streams' default
   * ({@link #DEFAULT_STATE_DIR}). The application's own state is in its subfolder named by the
   * application id.
   */
  public Path stateRoot() {
    String dir =
        stateDir != null
            ? stateDir.toString()
            : client.properties().getProperty(StreamsConfig.STATE_DIR_CONFIG, DEFAULT_STATE_DIR);
    return Path.of(dir).toAbsolutePath().normalize();
  }

  /** This application's state folder: {@link #stateRoot()}/{@code applicationId}. */
  public Path applicationStateDir() {
    return stateRoot().resolve(applicationId);
  }

  /**
   * Exactly-once, one thread, the catalog's dead-letter topic, a state folder under the system's
   * temp.
   */
  public static StreamsSettings defaults(String applicationId, ClientConfig client) {
    return new StreamsSettings(applicationId, client, null, null, 1, null, 0, null);
  }

  public StreamsSettings withStateDir(Path dir) {
    return new StreamsSettings(
        applicationId,
        client,
        processingGuarantee,
        dir,
        threads,
        deadLetterTopic,
        commitIntervalMs,
        applicationServer);
  }

  public StreamsSettings withGuarantee(String guarantee) {
    return new StreamsSettings(
        applicationId,
        client,
        guarantee,
        stateDir,
        threads,
        deadLetterTopic,
        commitIntervalMs,
        applicationServer);
  }

  public StreamsSettings withDeadLetterTopic(String topic) {
    return new StreamsSettings(
        applicationId,
        client,
        processingGuarantee,
        stateDir,
        threads,
        topic,
        commitIntervalMs,
        applicationServer);
  }

  /** The same settings with {@code count} stream threads (at least one). */
  public StreamsSettings withThreads(int count) {
    return new StreamsSettings(
        applicationId,
        client,
        processingGuarantee,
        stateDir,
        count,
        deadLetterTopic,
        commitIntervalMs,
        applicationServer);
  }

  /**
   * The same settings with the guarantee, state folder and stream threads of {@code processing}.
   */
  public StreamsSettings withProcessing(Processing processing) {
    return new StreamsSettings(
        applicationId,
        client,
        processing.guarantee(),
        processing.stateDir().orElse(null),
        processing.threads(),
        deadLetterTopic,
        commitIntervalMs,
        applicationServer);
  }

  public StreamsSettings withApplicationServer(String hostPort) {
    return new StreamsSettings(
        applicationId,
        client,
        processingGuarantee,
        stateDir,
        threads,
        deadLetterTopic,
        commitIntervalMs,
        hostPort);
  }

  public Properties toProperties() {
    Properties p = client.toProperties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    if (stateDir != null) {
      p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    }
    // Exactly-once defaults to a commit every 100 ms. Each commit flushes the record caches, waits
    // for every produced record to be acknowledged and makes three round trips to the transaction
    // coordinator; measured on the retention service, that was a third of the stream thread's time.
    // One second keeps the dashboard live and lets the caches absorb most store writes.
    p.put(
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
        commitIntervalMs > 0 ? commitIntervalMs : DEFAULT_COMMIT_INTERVAL_MS);
    if (applicationServer != null) {
      p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    }
    p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
    // log and continue, as Kafka Streams' own handlers do, and count the dead letters (see
    // toProperties(counter))
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        CountingDeserializationExceptionHandler.class);
    p.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        CountingProcessingExceptionHandler.class);
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDB.class);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 32L << 20);
    // Task idling off. Kafka Streams idles a task that reads several partitions (a join, a merge)
    // until each has data, to interleave them by timestamp. No processor here relies on that
    // interleaving: a task of one topic has nothing to interleave, and the sharing service's merged
    // task reads its second input's own watermarks, never the task's stream time (SharingTopology).
    // With idling on, Kafka Streams 4.4 formats a log text in its checks whenever a task's queue
    // runs dry, logged or not: a tenth of the retention stream thread's time, a quarter of
    // sharing's.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    // Internal topics follow the cluster's default replication: one broker here, three in
    // production.
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
    // A service's first rebalance creates its changelog and repartition topics, then asks the
    // broker for them, sleeping retry.backoff.ms between the answers, until it shows them all:
    // with Kafka's 100 ms the sharing service (14 stores) slept 1.4 s of its start there, in 14
    // sleeps; with 10 ms, 0.15 s in as many (each answer takes longer than the sleep). The clients'
    // own retries start from it and double up to retry.backoff.max.ms (1 s), as before.
    p.put(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, 10L);
    // A task is ready once its changelogs are read to their end. The restore consumer learns that
    // an empty changelog has nothing to restore only when its previous fetch returns, and the
    // broker holds a fetch that finds nothing for fetch.max.wait.ms (500 ms by default): the tasks
    // of a new service became ready one after another, half a second each. With 10 ms the wait is
    // gone; a changelog with records to restore is fetched as before.
    p.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 10);
    // Kafka Streams registers about sixty metrics for each state store as it opens a task, and
    // removes them as it closes one; by default each also goes to Kafka's JMX reporter and to the
    // client-metrics push of its clients (KIP-714), whose names are rewritten by regular
    // expressions. Profiled on the sharing service (57 stores), that was most of its stream
    // thread's time in a start and in a close. The services serve their metrics over HTTP from
    // Kafka Streams' own registry (ServiceMetrics), which neither feeds. Both stay off unless the
    // client settings (--kafka-config) turn them on.
    p.putIfAbsent(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
    p.putIfAbsent(StreamsConfig.ENABLE_METRICS_PUSH_CONFIG, "false");
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    // Under exactly-once every batch closes at the commit (each second) whatever the linger, so a
    // longer linger adds no latency there; it makes fewer, fuller batches, and each new batch costs
    // an LZ4 buffer of 64 KiB or more (a quarter of the retention thread's allocations at 20 ms).
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 100);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), 16 << 20);
    return p;
  }

  /**
   * Whether {@code properties} choose Kafka Streams' own group protocol ({@code group.protocol=
   * streams}) over the classic consumer group: its groups are managed, reset and joined otherwise.
   */
  static boolean streamsGroupProtocol(Properties properties) {
    return "streams"
        .equalsIgnoreCase(
            String.valueOf(properties.get(StreamsConfig.GROUP_PROTOCOL_CONFIG)).strip());
  }

  /**
   * {@link #toProperties()}, with the dead letters the exception handlers send counted by {@code
   * counter}.
   */
  public Properties toProperties(DeadLetterCounter counter) {
    Properties p = toProperties();
    p.put(DeadLetterCounter.CONFIG, counter);
    return p;
  }
}
