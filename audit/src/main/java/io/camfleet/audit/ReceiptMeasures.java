package io.camfleet.audit;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.ReceiptKind;
import io.camfleet.avro.RetentionReceipt;
import io.camfleet.schemas.stats.RetentionMeasure;
import io.camfleet.schemas.stats.SharingMeasure;
import io.camfleet.schemas.stats.StatsMeasure;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which counters of the statistics each receipt adds one to, and those counters tallied per policy
 * from a run's audit files: they equal the counters' final values in the run's report. A copy
 * receipt the policy's rules caused (every cause but {@code NO_LIVE_PARENT}) also adds to {@code
 * sharesBlockedByPolicy}; each copy on the ledger adds one to {@code copiesCreated}.
 */
public final class ReceiptMeasures {
  private static final Map<ReceiptKind, RetentionMeasure> RETENTION =
      new EnumMap<>(
          Map.of(
              ReceiptKind.CLIP_EXPIRED, RetentionMeasure.CLIPS_EXPIRED,
              ReceiptKind.RETAINED_SHARED, RetentionMeasure.CLIPS_EXEMPT_BY_SHARE,
              ReceiptKind.SHARE_RECORDED, RetentionMeasure.SHARES_RECORDED,
              ReceiptKind.SHARE_REFUSED, RetentionMeasure.SHARES_REFUSED,
              ReceiptKind.HOLD_PLACED, RetentionMeasure.HOLDS_PLACED,
              ReceiptKind.EXPIRY_HELD, RetentionMeasure.EXPIRY_HELD,
              ReceiptKind.HOLD_RELEASED, RetentionMeasure.HOLDS_RELEASED));

  /** Every counter the audit files account for. */
  public static final List<StatsMeasure> COUNTED =
      List.of(
          RetentionMeasure.CLIPS_EXPIRED,
          RetentionMeasure.CLIPS_EXEMPT_BY_SHARE,
          RetentionMeasure.SHARES_RECORDED,
          RetentionMeasure.SHARES_REFUSED,
          RetentionMeasure.HOLDS_PLACED,
          RetentionMeasure.EXPIRY_HELD,
          RetentionMeasure.HOLDS_RELEASED,
          SharingMeasure.COPIES_CREATED,
          SharingMeasure.COPIES_EXPIRED,
          SharingMeasure.SHARES_BLOCKED_BY_POLICY,
          SharingMeasure.FORWARDS_BLOCKED);

  private ReceiptMeasures() {}

  /** The counter a retention receipt adds one to. */
  public static RetentionMeasure of(RetentionReceipt receipt) {
    return RETENTION.get(receipt.getKind());
  }

  /** The counters a copy receipt adds one to. */
  public static List<SharingMeasure> of(CopyReceipt receipt) {
    return switch (receipt.getKind()) {
      case COPY_EXPIRED -> List.of(SharingMeasure.COPIES_EXPIRED);
      case SHARE_BLOCKED -> List.of(SharingMeasure.SHARES_BLOCKED_BY_POLICY);
      case FORWARD_BLOCKED ->
          receipt.getCause() == CopyReceiptCause.NO_LIVE_PARENT
              ? List.of(SharingMeasure.FORWARDS_BLOCKED)
              : List.of(SharingMeasure.FORWARDS_BLOCKED, SharingMeasure.SHARES_BLOCKED_BY_POLICY);
    };
  }

  /**
   * Per policy (in name order), each {@link #COUNTED} counter as the audit files in {@code out}
   * account for it.
   */
  public static Map<String, Map<StatsMeasure, Long>> tally(Path out) {
    Map<String, Map<StatsMeasure, Long>> byPolicy = new TreeMap<>();
    AuditReader.forEach(
        AuditFile.RETENTION_RECEIPTS.in(out),
        AuditFile.RETENTION_RECEIPTS,
        RetentionReceipt.class,
        r -> add(byPolicy, r.policy(), of(r.value())));
    AuditReader.forEach(
        AuditFile.COPY_RECEIPTS.in(out),
        AuditFile.COPY_RECEIPTS,
        CopyReceipt.class,
        r -> of(r.value()).forEach(m -> add(byPolicy, r.policy(), m)));
    // the ledger is compacted: a copy's entries may be down to its latest, so copies are keys
    Set<String> copies = new HashSet<>();
    AuditReader.forEach(
        AuditFile.COPY_LEDGER.in(out),
        AuditFile.COPY_LEDGER,
        CopyLedgerEntry.class,
        r -> {
          if (copies.add(r.key())) {
            add(byPolicy, r.policy(), SharingMeasure.COPIES_CREATED);
          }
        });
    return byPolicy;
  }

  private static void add(
      Map<String, Map<StatsMeasure, Long>> byPolicy, String policy, StatsMeasure measure) {
    byPolicy
        .computeIfAbsent(
            policy,
            p -> {
              Map<StatsMeasure, Long> zero = new LinkedHashMap<>();
              COUNTED.forEach(m -> zero.put(m, 0L));
              return zero;
            })
        .merge(measure, 1L, Long::sum);
  }
}
