package io.camfleet.simulator.sink;

import io.camfleet.avro.WorldEvent;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.KafkaSchemaSource;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.schemas.Topic;
import io.camfleet.simulator.EventSink;
import io.camfleet.simulator.generate.ClipId;
import io.camfleet.simulator.generate.Generator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Publishes events to a Kafka topic with the record timestamp set to the event's time: acks from
 * all replicas, idempotent (so retries neither duplicate nor reorder a partition), lz4 batches of
 * up to 256 KiB lingering 10 ms, in transactions committed every 100 ms. Creates no event topics.
 * The first failed delivery fails the next send or the close. The constructor waits (up to 30 s)
 * until every partition of the topic has a leader that accepts writes, and learns the topic's
 * partition count. Before the first event it registers the WorldEvent writer schema on the {@code
 * schemas} topic (creating that topic if missing), so that services built on an older schema can
 * still read the events.
 *
 * <p>Why transactions: a broker forgets an idempotent producer whose last record's timestamp is
 * more than {@code producer.id.expiration.ms} (a day) old, unless it has a transaction open. Event
 * times lie months or years back, so after a broker restart a plain idempotent producer's retried
 * batches were written twice; inside an open transaction the broker keeps the producer's sequence
 * numbers and drops the retries.
 *
 * <p>The caller's thread (one thread) serializes each event ({@link WorldEventBytes}) and queues
 * it; one sending thread hands the queued records to the producer, in order, and commits, so that a
 * commit waiting for its acks does not stop the simulation. The queue is bounded: a caller that
 * runs ahead of the broker waits.
 */
public final class KafkaEventSink implements EventSink {
  /**
   * The longest a transaction stays open, in milliseconds (the benchmarks give Kafka's tool the
   * same).
   */
  public static final long MAX_TRANSACTION_MILLIS = 100;

  private static final long MAX_TRANSACTION_NANOS = MAX_TRANSACTION_MILLIS * 1_000_000L;

  /**
   * Serialized records waiting for the sending thread, at most: a few transactions' worth at full
   * speed.
   */
  static final int MAX_QUEUED = 65_536;

  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaSchemaSource schemas;
  private final Serializer<String> keySerializer;
  // used by the one thread that calls send
  private final WorldEventBytes values;
  private final String topic;
  private final int partitions;
  private final Callback onDelivery =
      (metadata, exception) -> {
        if (exception != null) {
          fail(exception);
        }
      };
  private final Thread sender;

  private final Object lock = new Object();
  // guarded by lock
  private List<ProducerRecord<byte[], byte[]>> queued = new ArrayList<>();
  private boolean senderWaiting;
  private boolean callerWaiting;
  private boolean closing;
  private boolean aborted;
  private boolean senderDone;

  private volatile Exception failure;

  public KafkaEventSink(ClientConfig config, Topic<String, WorldEvent> topic) {
    Properties props = config.toProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "10");
    props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "camfleet-simulator");
    // one id per sink: shards and runs never fence each other
    props.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "120000");
    props.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
        props.get(ProducerConfig.CLIENT_ID_CONFIG) + "-" + UUID.randomUUID());
    this.partitions = TopicAdmin.awaitWritable(config.toProperties(), topic.name(), 30);
    this.schemas = KafkaSchemaSource.of(config);
    Topic<String, WorldEvent> registering = topic.withSchemas(schemas);
    this.keySerializer = registering.keySerde().serializer();
    this.values = new WorldEventBytes(registering.valueSerde().serializer());
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic.name();
    try {
      producer.initTransactions();
    } catch (KafkaException e) {
      producer.close(Duration.ZERO);
      schemas.close();
      throw e;
    }
    this.sender =
        new Thread(this::sendQueued, props.get(ProducerConfig.CLIENT_ID_CONFIG) + "-sender");
    sender.setDaemon(true);
    sender.start();
  }

  /** Partitions of the topic on the cluster: the simulation's ticks and shards use this count. */
  @Override
  public OptionalInt partitions() {
    return OptionalInt.of(partitions);
  }

  @Override
  public void send(String key, Integer partition, WorldEvent event) {
    throwIfFailed();
    // serialized here, before send returns, because the simulator reuses the event object
    queue(
        new ProducerRecord<>(
            topic,
            partition,
            event.getEventTime(),
            keySerializer.serialize(topic, key),
            values.encode(topic, event)));
  }

  /**
   * A camera's key bytes, partition and clip fields, worked out once; null when clips take the
   * general path.
   */
  @Override
  public Generator.CameraParts cameraParts(
      String key, String cameraId, String householdId, String region) {
    return values.fast()
        ? new WorldEventBytes.Camera(
            keySerializer.serialize(topic, key), partitions, cameraId, householdId, region)
        : null;
  }

  @Override
  public void sendClip(String key, WorldEvent event, Generator.CameraParts parts, ClipId id) {
    if (!(parts instanceof WorldEventBytes.Camera camera) || !values.ready()) {
      EventSink.super.sendClip(key, event, parts, id);
      return;
    }
    throwIfFailed();
    // the key's bytes are shared by the camera's records: nothing writes to them. The partition is
    // the one the producer would choose for them, given here so that it does not hash every key
    queue(
        new ProducerRecord<>(
            topic,
            camera.partition(),
            event.getEventTime(),
            camera.key(),
            values.encodeClip(event, camera, id)));
  }

  private void queue(ProducerRecord<byte[], byte[]> record) {
    synchronized (lock) {
      while (queued.size() >= MAX_QUEUED && !senderDone) {
        callerWaiting = true;
        waitOn(lock);
      }
      if (senderDone) {
        throwIfFailed();
        throw new IllegalStateException("the sink is closed");
      }
      queued.add(record);
      if (senderWaiting) {
        lock.notifyAll();
      }
    }
  }

  /**
   * The sending thread: hands queued records to the producer and commits every 100 ms until the
   * sink closes.
   */
  private void sendQueued() {
    List<ProducerRecord<byte[], byte[]>> taking = new ArrayList<>();
    boolean open = false;
    long started = 0;
    try {
      while (true) {
        synchronized (lock) {
          while (queued.isEmpty() && !closing && !stopped()) {
            long left =
                open ? MAX_TRANSACTION_NANOS - (System.nanoTime() - started) : Long.MAX_VALUE;
            if (left <= 0) {
              break;
            }
            senderWaiting = true;
            waitNanos(left);
            senderWaiting = false;
          }
          if (stopped() || (closing && queued.isEmpty())) {
            break;
          }
          List<ProducerRecord<byte[], byte[]>> full = queued;
          queued = taking;
          taking = full;
          if (callerWaiting) {
            callerWaiting = false;
            lock.notifyAll();
          }
        }
        if (!taking.isEmpty() && !open) {
          producer.beginTransaction();
          open = true;
          started = System.nanoTime();
        }
        for (ProducerRecord<byte[], byte[]> record : taking) {
          producer.send(record, onDelivery);
        }
        taking.clear();
        if (open && System.nanoTime() - started >= MAX_TRANSACTION_NANOS) {
          commit();
          open = false;
        }
      }
      boolean stop;
      synchronized (lock) {
        stop = stopped();
      }
      if (!open) {
        return;
      }
      if (stop) {
        producer.abortTransaction();
      } else {
        commit();
      }
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      synchronized (lock) {
        senderDone = true;
        queued.clear();
        lock.notifyAll();
      }
    }
  }

  /**
   * Commits the open transaction, waiting out a broker that is down for up to about two minutes.
   */
  private void commit() {
    for (int attempt = 1; ; attempt++) {
      try {
        producer.commitTransaction();
        return;
      } catch (TimeoutException e) {
        // the commit may be retried; the transaction itself is aborted by the broker after two
        // minutes
        if (attempt == 2) {
          throw e;
        }
      }
    }
  }

  @Override
  public void abort() {
    synchronized (lock) {
      aborted = true;
      lock.notifyAll();
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closing = true;
      lock.notifyAll();
    }
    boolean interrupted = false;
    while (true) {
      try {
        sender.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    try {
      if (aborted) {
        producer.close(Duration.ZERO);
      } else {
        producer.close();
      }
    } finally {
      schemas.close();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (!aborted) {
      throwIfFailed();
    }
  }

  private void fail(Exception e) {
    synchronized (lock) {
      if (failure == null) {
        failure = e;
      }
      lock.notifyAll();
    }
  }

  /**
   * Whether the sending thread should abort rather than send on: the run failed or a delivery did.
   * Holds lock.
   */
  private boolean stopped() {
    return aborted || failure != null;
  }

  private void throwIfFailed() {
    Exception failed = failure;
    if (failed != null) {
      throw new KafkaException(
          "publishing to " + topic + " failed: " + failed.getMessage(), failed);
    }
  }

  private void waitOn(Object monitor) {
    try {
      monitor.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while waiting to queue an event for " + topic, e);
    }
  }

  private void waitNanos(long nanos) {
    try {
      if (nanos == Long.MAX_VALUE) {
        lock.wait();
      } else {
        lock.wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while waiting for events", e);
    }
  }
}
