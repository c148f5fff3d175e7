package io.camfleet.retention.topology;

import io.camfleet.avro.RetentionReceipt;

/**
 * Told of each receipt as the topology writes it, for the service's metrics; it must not block or
 * throw. It runs on the stream threads, so once more for a record processed again after an
 * exactly-once abort: what it counts is work done, not receipts committed.
 */
@FunctionalInterface
public interface ReceiptCounter {
  /** Counts nothing: tests, benchmarks, runs without metrics. */
  ReceiptCounter NONE = receipt -> {};

  void written(RetentionReceipt receipt);
}
