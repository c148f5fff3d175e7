package io.camfleet.provenance;

import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.CopyStatus;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.ShareChannel;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One copy of a clip under one policy, as its ledger entry and receipt tell it: a copy made (alive
 * or expired since), or a copy the policy blocked. A blocked copy was never made, so only what its
 * receipt records is known: its id, clip, household, time, receipt, cause and reason; the fields
 * about the copy itself are null ({@code addressDisclosed} false), except {@code kind}, {@code
 * SHARE} for a blocked share.
 *
 * @param madeAt when the copy was made; null for a blocked copy
 * @param expiresAt when the copy expires; null for a copy kept indefinitely, or a blocked copy
 * @param endedAt when the copy expired or was blocked; null while it is alive
 * @param receipt the receipt that ended it ({@code COPY_EXPIRED}, {@code SHARE_BLOCKED}, {@code
 *     FORWARD_BLOCKED}); null while alive, or for an expired copy whose receipt is not at hand
 * @param cause the receipt's cause; null where {@code receipt} is, or the receipt did not record it
 * @param reason the receipt's reason in words; null where {@code receipt} is
 */
public record CustodyCopy(
    String policy,
    String clipId,
    String copyId,
    String parentCopyId,
    String cameraId,
    String householdId,
    Instant clipRecordedAt,
    String holderId,
    HolderType holderType,
    CopyKind kind,
    ShareChannel channel,
    String requestId,
    boolean addressDisclosed,
    Instant madeAt,
    Instant expiresAt,
    CustodyStatus status,
    Instant endedAt,
    CopyReceiptKind receipt,
    CopyReceiptCause cause,
    String reason) {

  public CustodyCopy {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(clipId, "clipId");
    Objects.requireNonNull(copyId, "copyId");
    Objects.requireNonNull(status, "status");
    if ((status == CustodyStatus.ALIVE) != (endedAt == null)) {
      throw new IllegalArgumentException(
          "copy " + copyId + " is " + status + " but its end time is " + endedAt);
    }
    if ((status == CustodyStatus.BLOCKED) != (madeAt == null)) {
      throw new IllegalArgumentException(
          "copy " + copyId + " is " + status + " but its making time is " + madeAt);
    }
  }

  /**
   * A copy made, in the state of its latest ledger entry, with the receipt that expired it if there
   * is one ({@code expiry} may be null). A {@code COPY_EXPIRED} receipt ends the copy even if the
   * entry at hand is still {@code ALIVE}.
   */
  public static CustodyCopy made(CopyLedgerEntry entry, CopyReceipt expiry) {
    if (expiry != null
        && (expiry.getKind() != CopyReceiptKind.COPY_EXPIRED
            || !expiry.getCopyId().equals(entry.getCopyId())
            || !expiry.getPolicy().equals(entry.getPolicy()))) {
      throw new IllegalArgumentException(
          "receipt "
              + expiry.getKind()
              + " of "
              + expiry.getPolicy()
              + "/"
              + expiry.getCopyId()
              + " does not expire copy "
              + entry.getPolicy()
              + "/"
              + entry.getCopyId());
    }
    Instant endedAt = null;
    if (expiry != null) {
      endedAt = Instant.ofEpochMilli(expiry.getDecidedAt());
    } else if (entry.getStatus() == CopyStatus.EXPIRED) {
      endedAt = Instant.ofEpochMilli(entry.getUpdatedAt());
    }
    return new CustodyCopy(
        entry.getPolicy(),
        entry.getClipId(),
        entry.getCopyId(),
        entry.getParentCopyId(),
        entry.getCameraId(),
        entry.getHouseholdId(),
        Instant.ofEpochMilli(entry.getClipRecordedAt()),
        entry.getHolderId(),
        entry.getHolderType(),
        entry.getKind(),
        entry.getChannel(),
        entry.getRequestId(),
        entry.getAddressDisclosed(),
        Instant.ofEpochMilli(entry.getMadeAt()),
        entry.getExpiresAt() == null ? null : Instant.ofEpochMilli(entry.getExpiresAt()),
        endedAt == null ? CustodyStatus.ALIVE : CustodyStatus.EXPIRED,
        endedAt,
        expiry == null ? null : expiry.getKind(),
        expiry == null ? null : expiry.getCause(),
        expiry == null ? null : expiry.getReason());
  }

  /** A copy the policy blocked ({@code SHARE_BLOCKED} or {@code FORWARD_BLOCKED}). */
  public static CustodyCopy blocked(CopyReceipt receipt) {
    if (receipt.getKind() == CopyReceiptKind.COPY_EXPIRED) {
      throw new IllegalArgumentException(
          "receipt of "
              + receipt.getPolicy()
              + "/"
              + receipt.getCopyId()
              + " is COPY_EXPIRED, not a block: it belongs to a copy made");
    }
    return new CustodyCopy(
        receipt.getPolicy(),
        receipt.getClipId(),
        receipt.getCopyId(),
        null,
        null,
        receipt.getHouseholdId(),
        null,
        null,
        null,
        receipt.getKind() == CopyReceiptKind.SHARE_BLOCKED ? CopyKind.SHARE : null,
        null,
        null,
        false,
        null,
        null,
        CustodyStatus.BLOCKED,
        Instant.ofEpochMilli(receipt.getDecidedAt()),
        receipt.getKind(),
        receipt.getCause(),
        receipt.getReason());
  }

  /** When the copy came into the story: made, or blocked. */
  public Instant time() {
    return madeAt != null ? madeAt : endedAt;
  }

  /**
   * The copy as it stood at {@code instant}: empty if it was not made (or blocked) yet, alive if it
   * ended only later.
   */
  public Optional<CustodyCopy> asOf(Instant instant) {
    if (time().isAfter(instant)) {
      return Optional.empty();
    }
    if (endedAt == null || !endedAt.isAfter(instant)) {
      return Optional.of(this);
    }
    return Optional.of(
        new CustodyCopy(
            policy,
            clipId,
            copyId,
            parentCopyId,
            cameraId,
            householdId,
            clipRecordedAt,
            holderId,
            holderType,
            kind,
            channel,
            requestId,
            addressDisclosed,
            madeAt,
            expiresAt,
            CustodyStatus.ALIVE,
            null,
            null,
            null,
            null));
  }
}
