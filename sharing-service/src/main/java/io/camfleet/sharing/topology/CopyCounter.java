package io.camfleet.sharing.topology;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;

/**
 * Told of each copy made and each copy receipt as the topology writes them, for the service's
 * metrics; it must not block or throw. It runs on the stream threads, so once more for a record
 * processed again after an exactly-once abort: what it counts is work done, not records committed.
 */
public interface CopyCounter {
  /** Counts nothing: tests, benchmarks, runs without metrics. */
  CopyCounter NONE =
      new CopyCounter() {
        @Override
        public void made(CopyLedgerEntry copy) {}

        @Override
        public void receipt(CopyReceipt receipt) {}
      };

  /** A new copy, alive, on its way to the ledger. */
  void made(CopyLedgerEntry copy);

  void receipt(CopyReceipt receipt);
}
