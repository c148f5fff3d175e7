package io.camfleet.provenance;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.CopyStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every copy of one clip under one policy, made or blocked, in the order they came into the story
 * (time, then copy id): what the copy ledger and the copy receipts record of that clip.
 */
public record CustodyGraph(String policy, String clipId, List<CustodyCopy> copies) {
  private static final Comparator<CustodyCopy> STORY_ORDER =
      Comparator.comparing(CustodyCopy::time).thenComparing(CustodyCopy::copyId);

  public CustodyGraph {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(clipId, "clipId");
    Set<String> ids = new HashSet<>();
    for (CustodyCopy copy : copies) {
      if (!copy.policy().equals(policy) || !copy.clipId().equals(clipId)) {
        throw new IllegalArgumentException(
            "copy "
                + copy.copyId()
                + " of "
                + copy.policy()
                + "/"
                + copy.clipId()
                + " is not in the graph of "
                + policy
                + "/"
                + clipId);
      }
      if (!ids.add(copy.copyId())) {
        throw new IllegalArgumentException("copy " + copy.copyId() + " appears twice");
      }
    }
    copies = copies.stream().sorted(STORY_ORDER).toList();
  }

  /**
   * The graph of {@code clipId} under {@code policy} from copy-ledger entries and copy receipts;
   * the records of other clips and policies are ignored, so whole files can be passed. Each copy
   * takes its latest ledger entry (an {@code EXPIRED} entry over an {@code ALIVE} one of the same
   * time) and its {@code COPY_EXPIRED} receipt; a share or forward receipt without a ledger entry
   * is a blocked copy. A record seen twice counts once.
   */
  public static CustodyGraph of(
      String policy,
      String clipId,
      Collection<CopyLedgerEntry> ledger,
      Collection<CopyReceipt> receipts) {
    Map<String, CopyLedgerEntry> latest = new LinkedHashMap<>();
    for (CopyLedgerEntry entry : ledger) {
      if (entry.getPolicy().equals(policy) && entry.getClipId().equals(clipId)) {
        latest.merge(entry.getCopyId(), entry, CustodyGraph::later);
      }
    }
    Map<String, CopyReceipt> expiries = new LinkedHashMap<>();
    Map<String, CopyReceipt> blocks = new LinkedHashMap<>();
    for (CopyReceipt receipt : receipts) {
      if (receipt.getPolicy().equals(policy) && receipt.getClipId().equals(clipId)) {
        (receipt.getKind() == CopyReceiptKind.COPY_EXPIRED ? expiries : blocks)
            .putIfAbsent(receipt.getCopyId(), receipt);
      }
    }
    List<CustodyCopy> copies = new ArrayList<>();
    latest.forEach((copyId, entry) -> copies.add(CustodyCopy.made(entry, expiries.get(copyId))));
    blocks.forEach(
        (copyId, receipt) -> {
          if (!latest.containsKey(copyId)) {
            copies.add(CustodyCopy.blocked(receipt));
          }
        });
    return new CustodyGraph(policy, clipId, copies);
  }

  /**
   * One graph per policy that has a copy of {@code clipId} in the records, in policy name order.
   */
  public static List<CustodyGraph> ofEveryPolicy(
      String clipId, Collection<CopyLedgerEntry> ledger, Collection<CopyReceipt> receipts) {
    Set<String> policies = new TreeSet<>();
    ledger.stream()
        .filter(entry -> entry.getClipId().equals(clipId))
        .forEach(entry -> policies.add(entry.getPolicy()));
    receipts.stream()
        .filter(receipt -> receipt.getClipId().equals(clipId))
        .forEach(receipt -> policies.add(receipt.getPolicy()));
    return policies.stream().map(policy -> of(policy, clipId, ledger, receipts)).toList();
  }

  private static CopyLedgerEntry later(CopyLedgerEntry a, CopyLedgerEntry b) {
    if (a.getUpdatedAt() != b.getUpdatedAt()) {
      return a.getUpdatedAt() > b.getUpdatedAt() ? a : b;
    }
    return b.getStatus() == CopyStatus.EXPIRED ? b : a;
  }

  /** The graph as it stood at {@code instant}: the copies made or blocked by then, as they were. */
  public CustodyGraph asOf(Instant instant) {
    List<CustodyCopy> then = new ArrayList<>();
    copies.forEach(copy -> copy.asOf(instant).ifPresent(then::add));
    return new CustodyGraph(policy, clipId, then);
  }

  public boolean isEmpty() {
    return copies.isEmpty();
  }

  /** The copy with this id, if the graph has it. */
  public Optional<CustodyCopy> copy(String copyId) {
    return copies.stream().filter(copy -> copy.copyId().equals(copyId)).findFirst();
  }
}
