package io.camfleet.streams;

import io.camfleet.streams.metrics.ServiceMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one Kafka Streams application: starts it, waits for it to run, closes it cleanly. */
public final class ServiceRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

  private final KafkaStreams streams;
  private final String applicationId;
  private final Path stateFolder;
  private final StreamsSettings settings;
  private final List<RepartitionTopic> repartitions;
  private final CountDownLatch stopped = new CountDownLatch(1);

  public ServiceRunner(Topology topology, StreamsSettings settings) {
    this(topology, settings, null);
  }

  /**
   * A runner whose dead letters and Kafka Streams metrics go to {@code metrics} (null: none); the
   * caller closes {@code metrics} after this runner. Its state folder is checked as by {@link
   * #ServiceRunner(Topology, StreamsSettings, ServiceMetrics, boolean, Consumer, List)}, with
   * notices logged.
   */
  public ServiceRunner(Topology topology, StreamsSettings settings, ServiceMetrics metrics) {
    this(topology, settings, metrics, false, null, List.of());
  }

  /**
   * A runner whose state folder has first been checked against the cluster ({@link StateFolder}):
   * state built on another cluster is deleted, stale state refused; {@code resetState} deletes the
   * application's state here and on the cluster. {@code notices} is told, in one line each, what
   * was deleted and why (null: they are logged). {@code repartitions} are the topology's
   * repartition topics, created before Kafka Streams starts ({@link RepartitionTopic}).
   *
   * @throws StateFolderException if the state folder must not be used as it is
   */
  public ServiceRunner(
      Topology topology,
      StreamsSettings settings,
      ServiceMetrics metrics,
      boolean resetState,
      Consumer<String> notices,
      List<RepartitionTopic> repartitions) {
    this.applicationId = settings.applicationId();
    this.settings = settings;
    this.repartitions = List.copyOf(repartitions);
    this.stateFolder =
        StateFolder.prepare(
            topology,
            settings,
            resetState,
            notices != null ? notices : notice -> log.warn("{}: {}", applicationId, notice));
    Properties properties =
        metrics == null ? settings.toProperties() : settings.toProperties(metrics.deadLetters());
    joinAsStaticMember(properties, stateFolder);
    this.streams = new KafkaStreams(topology, properties);
    if (metrics != null) {
      metrics.bind(streams);
    }
    streams.setUncaughtExceptionHandler(
        e -> {
          // state this version cannot read fails the same way on every thread: stop, saying why
          for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StateFolderException refused) {
              log.error("{}: {}", applicationId, refused.getMessage());
              return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
          }
          log.error("{}: stream thread failed, replacing it", applicationId, e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.setStateListener(
        (now, before) -> {
          log.debug("{}: {} -> {}", applicationId, before, now);
          if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            stopped.countDown();
          }
        });
  }

  /**
   * Makes the application's stream threads static members of its consumer group, named after the
   * state folder ({@link StateFolder#memberName}; Kafka Streams adds each thread's number). An
   * instance restarted on its folder after a crash then takes over its tasks at once, where it
   * waited for the dead member's session to expire. A {@code group.instance.id} in the client
   * settings is kept as given; the {@code streams} group protocol has no static members.
   */
  static void joinAsStaticMember(Properties properties, Path stateFolder) {
    String key = ConsumerConfig.GROUP_INSTANCE_ID_CONFIG;
    boolean given =
        properties.containsKey(key)
            || properties.containsKey(StreamsConfig.consumerPrefix(key))
            || properties.containsKey(StreamsConfig.mainConsumerPrefix(key));
    if (given || StreamsSettings.streamsGroupProtocol(properties)) {
      return;
    }
    try {
      properties.put(StreamsConfig.mainConsumerPrefix(key), StateFolder.memberName(stateFolder));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the member name in " + stateFolder + ": " + e.getMessage(), e);
    }
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** This application's state folder: the state folder root and the application id. */
  public Path stateFolder() {
    return stateFolder;
  }

  /** Whether the application has stopped because of an error rather than being closed. */
  public boolean failed() {
    return streams.state() == KafkaStreams.State.ERROR;
  }

  /**
   * Creates the topology's repartition topics, starts the application and waits until it is
   * running, or fails after {@code timeout}.
   */
  public ServiceRunner start(Duration timeout) {
    RepartitionTopics.create(settings, repartitions);
    streams.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()) {
        throw new IllegalStateException(applicationId + " did not start: state " + streams.state());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting " + applicationId, e);
      }
    }
    log.info("{} running", applicationId);
    return this;
  }

  /** Blocks until the application stops (for a foreground service). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  public boolean awaitStop(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops the application and leaves its consumer group, so that the other instances take over its
   * tasks at once. Kafka Streams otherwise stays in the group until its session expires (45 s by
   * default), and its tasks wait for that long when an instance is scaled in. (An instance started
   * again on the same folder takes its own place back at once: {@link #joinAsStaticMember}.)
   */
  @Override
  public void close() {
    streams.close(
        CloseOptions.timeout(Duration.ofSeconds(30))
            .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    stopped.countDown();
  }
}
