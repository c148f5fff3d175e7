package io.camfleet.sharing.topology;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.provenance.CustodyCopy;
import io.camfleet.provenance.CustodyGraph;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The copies held in the sharing service's stores, and how to find them: by clip (the custody tree)
 * and by holder. Live copies have stores of their own; an expired copy leaves them for the stores
 * of ended copies, and every receipt (expiry or block) is kept, so the custody history of a clip is
 * read from this task's stores alone.
 */
public final class CopyStores {
  /** Live copies, keyed {@code policy|clipId|copyId}. */
  public static final String COPIES = "sharing-copies";

  /** Index of live copies by holder, keyed {@code policy|holderId|copyId}, value the clip id. */
  public static final String HOLDER_COPIES = "sharing-holder-copies";

  /** Expired copies in their last state ({@code EXPIRED}), keyed {@code policy|clipId|copyId}. */
  public static final String ENDED_COPIES = "sharing-ended-copies";

  /** Index of expired copies by holder, keyed {@code policy|holderId|copyId}, value the clip id. */
  public static final String HOLDER_ENDED_COPIES = "sharing-holder-ended-copies";

  /**
   * Every copy receipt written ({@code COPY_EXPIRED}, {@code SHARE_BLOCKED}, {@code
   * FORWARD_BLOCKED}), keyed {@code policy|clipId|copyId}.
   */
  public static final String RECEIPTS = "sharing-copy-receipts";

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

  /**
   * Every copy of a clip under each of {@code policies}: live, expired and blocked, each policy's
   * in the order they came into the story.
   */
  public static List<CustodyCopy> historyOfClip(
      ReadOnlyKeyValueStore<String, CopyLedgerEntry> copies,
      ReadOnlyKeyValueStore<String, CopyLedgerEntry> endedCopies,
      ReadOnlyKeyValueStore<String, CopyReceipt> receipts,
      List<String> policies,
      String clipId) {
    List<CustodyCopy> found = new ArrayList<>();
    for (String policy : policies) {
      List<CopyLedgerEntry> ledger = new ArrayList<>();
      scan(copies, CopyKey.prefix(policy, clipId), ledger);
      scan(endedCopies, CopyKey.prefix(policy, clipId), ledger);
      List<CopyReceipt> decided = new ArrayList<>();
      scan(receipts, CopyKey.prefix(policy, clipId), decided);
      found.addAll(CustodyGraph.of(policy, clipId, ledger, decided).copies());
    }
    return found;
  }

  /**
   * Every copy a holder has had under each of {@code policies}: live, then expired, each in store
   * order. A blocked copy never reached its holder, and its receipt does not name one.
   */
  public static List<CustodyCopy> historyOfHolder(
      ReadOnlyKeyValueStore<String, String> holderCopies,
      ReadOnlyKeyValueStore<String, CopyLedgerEntry> copies,
      ReadOnlyKeyValueStore<String, String> holderEndedCopies,
      ReadOnlyKeyValueStore<String, CopyLedgerEntry> endedCopies,
      ReadOnlyKeyValueStore<String, CopyReceipt> receipts,
      List<String> policies,
      String holderId) {
    List<CustodyCopy> found = new ArrayList<>();
    copiesOfHolder(holderCopies, copies, policies, holderId)
        .forEach(copy -> found.add(CustodyCopy.made(copy, null)));
    for (CopyLedgerEntry copy :
        copiesOfHolder(holderEndedCopies, endedCopies, policies, holderId)) {
      String key = new CopyKey(copy.getPolicy(), copy.getClipId(), copy.getCopyId()).encoded();
      found.add(CustodyCopy.made(copy, receipts.get(key)));
    }
    return found;
  }

  private static <V> void scan(
      ReadOnlyKeyValueStore<String, V> store, String prefix, List<V> into) {
    try (KeyValueIterator<String, V> it = store.prefixScan(prefix, KEYS)) {
      while (it.hasNext()) {
        into.add(it.next().value);
      }
    }
  }
}
