package io.camfleet.audit;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.TopicPrefix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Writes a run's audit files from its cluster: for each {@link AuditFile}, every committed record
 * of the topic (read_committed, from the beginning to the end offsets taken when the writer starts,
 * after the services finished), ordered by key, a key's records in offset order ({@link KeyOrder}).
 * The topic's own order is not kept: records of different partitions, and of different writers in
 * one partition, arrive in an order that changes from run to run, and the file's bytes, with the
 * sha256 the report gives, must not. An interrupted writer leaves no partial file ({@link
 * AuditFileWriter}) and no temporary one.
 */
public final class AuditWriter {
  /** A finished audit file: where, how many records, and the SHA-256 of its bytes. */
  public record Written(AuditFile file, Path path, long records, String sha256) {}

  /** Told the share of the records read so far, from 0 to 1; may throw to stop the writer. */
  public interface Progress {
    void at(double fraction) throws Exception;
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Records held in memory while a file's are put in order, beyond which they go to disk. */
  private static final long SORT_BUDGET_BYTES = 64L << 20;

  private AuditWriter() {}

  /**
   * Writes every audit file into {@code out}/audit from the topics of {@code prefix}.
   *
   * @throws Exception what {@code progress} threw (a stop), or a failure to read or write; no
   *     partial file is left
   */
  public static List<Written> writeAll(
      ClientConfig client, TopicPrefix prefix, Path out, Progress progress) throws Exception {
    Properties p = client.toProperties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    // a partition whose last offset is a transaction marker is passed only by a fetch that returns
    // nothing: do not let it wait out the default half second
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      Map<AuditFile, List<TopicPartition>> partitions = new LinkedHashMap<>();
      List<TopicPartition> every = new ArrayList<>();
      for (AuditFile file : AuditFile.all()) {
        String topic = prefix.apply(file.topic()).name();
        List<TopicPartition> list =
            consumer.partitionsFor(topic, TIMEOUT).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        partitions.put(file, list);
        every.addAll(list);
      }
      // Under read_committed the end offsets are the last stable offsets: every committed record
      // lies before them.
      Map<TopicPartition, Long> begins = consumer.beginningOffsets(every, TIMEOUT);
      Map<TopicPartition, Long> ends = consumer.endOffsets(every, TIMEOUT);
      Counter counter = new Counter(begins, ends, progress);
      List<Written> written = new ArrayList<>();
      for (AuditFile file : AuditFile.all()) {
        written.add(write(consumer, file, partitions.get(file), ends, out, counter));
      }
      return written;
    }
  }

  private static Written write(
      KafkaConsumer<byte[], byte[]> consumer,
      AuditFile file,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> ends,
      Path out,
      Counter counter)
      throws Exception {
    try (AuditFileWriter writer = AuditFileWriter.create(file, out);
        KeyOrder order = new KeyOrder(writer.folder(), SORT_BUDGET_BYTES)) {
      for (TopicPartition partition : partitions) {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = ends.get(partition);
        while (consumer.position(partition, TIMEOUT) < end) {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            if (record.offset() >= end) {
              continue;
            }
            counter.read(partition, record.offset());
            if (record.key() != null && record.value() != null) {
              order.add(record.key(), record.timestamp(), record.value());
            }
          }
          counter.show();
        }
      }
      order.drainTo(writer::append);
      return writer.commit();
    }
  }

  /** Counts the offsets read against all there are to read, and shows the share now and then. */
  private static final class Counter {
    private final Map<TopicPartition, Long> begins;
    private final Map<TopicPartition, Long> read = new LinkedHashMap<>();
    private final Progress progress;
    private final long total;
    private long done;

    Counter(Map<TopicPartition, Long> begins, Map<TopicPartition, Long> ends, Progress progress) {
      this.begins = begins;
      this.progress = progress;
      long sum = 0;
      for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        sum += Math.max(0, end.getValue() - begins.get(end.getKey()));
      }
      this.total = sum;
    }

    void read(TopicPartition partition, long offset) {
      long before = read.getOrDefault(partition, begins.get(partition));
      done += Math.max(0, offset + 1 - before);
      read.put(partition, Math.max(before, offset + 1));
    }

    void show() throws Exception {
      progress.at(total == 0 ? 1.0 : (double) done / total);
    }
  }
}
