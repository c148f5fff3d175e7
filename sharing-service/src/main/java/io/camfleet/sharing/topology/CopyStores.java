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
 * tree) and by holder. Expired copies are deleted from the stores; their last state is on the copy
 * ledger.
 */
public final class CopyStores {
  /** Live copies, keyed {@code policy|clipId|copyId}. */
  public static final String COPIES = "sharing-copies";

  /** Index of live copies by holder, keyed {@code policy|holderId|copyId}, value the clip id. */
  public static final String HOLDER_COPIES = "sharing-holder-copies";

  private static final StringSerializer KEYS = new StringSerializer();

  private CopyStores() {}

  /** A live copy's key in {@link #COPIES}; the copies of one clip share a prefix. */
  record CopyKey(String policy, String clipId, String copyId) {
    String encoded() {
      return prefix(policy, clipId) + copyId;
    }

    static String prefix(String policy, String clipId) {
      return policy + "|" + clipId + "|";
    }
  }

  /** A live copy's key in {@link #HOLDER_COPIES}; the copies of one holder share a prefix. */
  record HolderCopyKey(String policy, String holderId, String copyId) {
    String encoded() {
      return prefix(policy, holderId) + copyId;
    }

    static String prefix(String policy, String holderId) {
      return policy + "|" + holderId + "|";
    }

    /** The key {@code key} found under the prefix of {@code policy} and {@code holderId}. */
    static HolderCopyKey within(String policy, String holderId, String key) {
      String prefix = prefix(policy, holderId);
      if (!key.startsWith(prefix)) {
        throw new IllegalArgumentException(
            key + " is not a copy of holder " + holderId + " under " + policy);
      }
      return new HolderCopyKey(policy, holderId, key.substring(prefix.length()));
    }
  }

  /** The live copies of a clip under each of {@code policies}, in store order. */
  public static List<CopyLedgerEntry> copiesOfClip(
      ReadOnlyKeyValueStore<String, CopyLedgerEntry> copies, List<String> policies, String clipId) {
    List<CopyLedgerEntry> found = new ArrayList<>();
    for (String policy : policies) {
      try (KeyValueIterator<String, CopyLedgerEntry> it =
          copies.prefixScan(CopyKey.prefix(policy, clipId), KEYS)) {
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
      String prefix = HolderCopyKey.prefix(policy, holderId);
      try (KeyValueIterator<String, String> it = holderCopies.prefixScan(prefix, KEYS)) {
        while (it.hasNext()) {
          KeyValue<String, String> held = it.next();
          String copyId = HolderCopyKey.within(policy, holderId, held.key).copyId();
          CopyLedgerEntry copy = copies.get(new CopyKey(policy, held.value, copyId).encoded());
          if (copy != null && copy.getHolderId().equals(holderId)) {
            found.add(copy);
          }
        }
      }
    }
    return found;
  }
}
