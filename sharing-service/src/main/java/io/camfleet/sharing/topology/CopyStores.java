package io.camfleet.sharing.topology;

import io.camfleet.avro.CopyLedgerEntry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The live copies held in the sharing service's stores, and how to find them: by clip (the custody
 * tree) and by holder. Expired copies are deleted from the stores; their last state is on the
 * copy ledger.
 */
public final class CopyStores {
  /** Live copies, keyed {@code policy|clipId|copyId}. */
  public static final String COPIES = "sharing-copies";

  /** Index of live copies by holder, keyed {@code policy|holderId|copyId}, value the clip id. */
  public static final String HOLDER_COPIES = "sharing-holder-copies";

  private static final StringSerializer KEYS = new StringSerializer();

  private CopyStores() {}

  static String copyKey(String policy, String clipId, String copyId) {
    return policy + "|" + clipId + "|" + copyId;
  }

  static String holderKey(String policy, String holderId, String copyId) {
    return policy + "|" + holderId + "|" + copyId;
  }

  /** The live copies of a clip under each of {@code policies}, in store order. */
  public static List<CopyLedgerEntry> copiesOfClip(
      ReadOnlyKeyValueStore<String, CopyLedgerEntry> copies, List<String> policies, String clipId) {
    List<CopyLedgerEntry> found = new ArrayList<>();
    for (String policy : policies) {
      try (KeyValueIterator<String, CopyLedgerEntry> it = copies.prefixScan(policy + "|" + clipId + "|", KEYS)) {
        while (it.hasNext()) {
          CopyLedgerEntry copy = it.next().value;
          // an id holding the separator could match another clip's prefix
          if (copy.getClipId().equals(clipId)) {
            found.add(copy);
          }
        }
      }
    }
    return found;
  }

  /** The live copies a holder has under each of {@code policies}, in store order. */
  public static List<CopyLedgerEntry> copiesOfHolder(
      ReadOnlyKeyValueStore<String, String> holderCopies,
      ReadOnlyKeyValueStore<String, CopyLedgerEntry> copies,
      List<String> policies,
      String holderId) {
    List<CopyLedgerEntry> found = new ArrayList<>();
    for (String policy : policies) {
      String prefix = policy + "|" + holderId + "|";
      try (KeyValueIterator<String, String> it = holderCopies.prefixScan(prefix, KEYS)) {
        while (it.hasNext()) {
          KeyValue<String, String> held = it.next();
          String copyId = held.key.substring(prefix.length());
          CopyLedgerEntry copy = copies.get(copyKey(policy, held.value, copyId));
          if (copy != null && copy.getHolderId().equals(holderId)) {
            found.add(copy);
          }
        }
      }
    }
    return found;
  }
}
