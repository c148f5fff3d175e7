package io.camfleet.audit;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.AvroSerde;
import io.camfleet.schemas.TopicPrefix;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Writes a run's audit files from its cluster: for each {@link AuditFile}, every committed record
 * of the topic (read_committed, from the beginning to the end offsets taken when the writer starts,
 * after the services finished), in the order the consumer receives them: each partition's in offset
 * order, the partitions interleaved. The order of records from different partitions, and so the
 * file's bytes, may differ between two runs of the same world; the records do not. Each file is
 * written beside its target under a temporary name and moved onto it once complete, so an
 * interrupted run leaves no partial file. Values in the current schema are copied without decoding;
 * a value of an older schema version is decoded and written in the current one.
 */
public final class AuditWriter {
  /** A finished audit file: where, how many records, and the SHA-256 of its bytes. */
  public record Written(AuditFile file, Path path, long records, String sha256) {}

  /** Told the share of the records read so far, from 0 to 1; may throw to stop the writer. */
  public interface Progress {
    void at(double fraction) throws Exception;
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

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
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(16 << 20));
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 << 20));
    Files.createDirectories(out.resolve(AuditFile.FOLDER));
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      Map<AuditFile, List<TopicPartition>> partitions = new LinkedHashMap<>();
      List<TopicPartition> every = new ArrayList<>();
      for (AuditFile file : AuditFile.all()) {
        String topic = prefix.apply(file.topic()).name();
        List<TopicPartition> list =
            consumer.partitionsFor(topic, TIMEOUT).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
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
    Path target = file.in(out).toAbsolutePath();
    Path temp =
        target.resolveSibling(
            "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".part");
    MessageDigest sha256 = sha256();
    long records = 0;
    boolean done = false;
    try {
      try (OutputStream stream =
              new DigestOutputStream(
                  new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), sha256);
          DataFileWriter<GenericRecord> writer =
              new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(file.recordSchema()))) {
        writer.setCodec(CodecFactory.nullCodec());
        writer.create(file.recordSchema(), stream, syncMarker(file));
        Encoding encoding = new Encoding(file);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp, TIMEOUT) < ends.get(tp))) {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.offset() >= ends.get(partition)) {
              continue;
            }
            counter.read(partition, record.offset());
            if (record.key() == null || record.value() == null) {
              continue;
            }
            writer.appendEncoded(encoding.encode(record));
            records++;
          }
          counter.show();
        }
      }
      moveOnto(temp, target);
      done = true;
      return new Written(file, target, records, HexFormat.of().formatHex(sha256.digest()));
    } finally {
      if (!done) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Encodes a Kafka record as one record of the file, reusing its buffers from call to call. */
  private static final class Encoding {
    private final AuditFile file;
    private final byte[] header;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private final AvroSerde<SpecificRecord> serde;
    private final SpecificDatumWriter<SpecificRecord> valueWriter;
    private BinaryEncoder encoder;

    @SuppressWarnings("unchecked")
    Encoding(AuditFile file) {
      this.file = file;
      this.header = singleObjectHeader(file);
      this.serde = (AvroSerde<SpecificRecord>) file.topic().valueSerde();
      this.valueWriter = new SpecificDatumWriter<>(file.valueSchema());
    }

    ByteBuffer encode(ConsumerRecord<byte[], byte[]> record) throws IOException {
      buffer.reset();
      encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
      encoder.writeString(new String(record.key(), StandardCharsets.UTF_8));
      encoder.writeLong(record.timestamp());
      byte[] value = record.value();
      if (startsWith(value, header)) {
        // the body of a value in the current schema is the value field's encoding as it is
        encoder.writeFixed(value, header.length, value.length - header.length);
      } else {
        valueWriter.write(serde.decode(value), encoder);
      }
      encoder.flush();
      return ByteBuffer.wrap(buffer.toByteArray());
    }

    @Override
    public String toString() {
      return file.fileName();
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

  private static boolean startsWith(byte[] value, byte[] prefix) {
    if (value.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (value[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The single-object encoding's header of the current value schema: C3 01 and the fingerprint. */
  private static byte[] singleObjectHeader(AuditFile file) {
    long fingerprint = SchemaNormalization.parsingFingerprint64(file.valueSchema());
    byte[] header = new byte[10];
    header[0] = (byte) 0xC3;
    header[1] = (byte) 0x01;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
    return header;
  }

  /**
   * A fixed sync marker per file, so that the same records in the same order give the same bytes.
   */
  private static byte[] syncMarker(AuditFile file) throws NoSuchAlgorithmException {
    byte[] digest =
        MessageDigest.getInstance("MD5")
            .digest(("camfleet audit " + file.fileName()).getBytes(StandardCharsets.UTF_8));
    return digest;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void moveOnto(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
