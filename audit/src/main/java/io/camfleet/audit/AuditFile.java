package io.camfleet.audit;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One audit file of a run: every committed record of one output topic, all policies, as an Avro
 * object container file in {@code <out>/audit/}. Each record of the file is the topic's record:
 * {@code key} (the Kafka key, {@code policy/clipId} or {@code policy/copyId}), {@code timestamp}
 * (the record's event time, epoch milliseconds) and {@code value} (the topic's value, in the schema
 * the header names).
 */
public enum AuditFile {
  RETENTION_RECEIPTS("retention-receipts.avro", Topics.RETENTION_RECEIPTS, RetentionReceipt.class),
  COPY_LEDGER("copy-ledger.avro", Topics.COPY_LEDGER, CopyLedgerEntry.class),
  COPY_RECEIPTS("copy-receipts.avro", Topics.COPY_RECEIPTS, CopyReceipt.class);

  /** The folder of the audit files, inside a run's report folder. */
  public static final String FOLDER = "audit";

  private final String fileName;
  private final Topic<String, ? extends SpecificRecord> topic;
  private final Schema valueSchema;
  private final Schema recordSchema;

  <V extends SpecificRecord> AuditFile(String fileName, Topic<String, V> topic, Class<V> type) {
    this.fileName = fileName;
    this.topic = topic;
    this.valueSchema = SpecificData.get().getSchema(type);
    this.recordSchema =
        SchemaBuilder.record(valueSchema.getName() + "Record")
            .namespace("io.camfleet.audit")
            .doc("One committed record of the topic " + topic.name() + ", as it was on Kafka.")
            .fields()
            .name("key")
            .doc("The Kafka key: policy/id.")
            .type()
            .stringType()
            .noDefault()
            .name("timestamp")
            .doc("The record's timestamp: its event time, epoch milliseconds.")
            .type()
            .longType()
            .noDefault()
            .name("value")
            .type(valueSchema)
            .noDefault()
            .endRecord();
  }

  /** The file's name, e.g. {@code retention-receipts.avro}. */
  public String fileName() {
    return fileName;
  }

  /** The file's path in the report folder {@code out}. */
  public Path in(Path out) {
    return out.resolve(FOLDER).resolve(fileName);
  }

  /** Its path relative to the report folder, with '/' separators, as report.json names it. */
  public String relativePath() {
    return FOLDER + "/" + fileName;
  }

  /** The catalog topic it keeps (without a run's prefix). */
  public Topic<String, ? extends SpecificRecord> topic() {
    return topic;
  }

  /** The schema of the topic's values. */
  public Schema valueSchema() {
    return valueSchema;
  }

  /** The schema of the file's records: key, timestamp, value. */
  public Schema recordSchema() {
    return recordSchema;
  }

  /** Every audit file, in the order a run writes them. */
  public static List<AuditFile> all() {
    return List.of(values());
  }
}
