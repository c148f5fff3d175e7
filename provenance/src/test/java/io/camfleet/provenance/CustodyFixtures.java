package io.camfleet.provenance;

import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.CopyStatus;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.ShareChannel;
import java.time.Duration;
import java.time.Instant;

/**
 * One clip's story under one policy, as the copy ledger and copy receipts record it: shared with
 * the requesting police, forwarded on to a federal agency, the share expiring after 30 days, and a
 * second forward blocked once its parent was gone.
 */
final class CustodyFixtures {
  static final String POLICY = "status-quo-2019";
  static final String CLIP = "clip-cam-0007-d003";
  static final Instant RECORDED = Instant.parse("2026-01-03T08:00:00Z");
  static final Instant SHARED = Instant.parse("2026-01-04T10:00:00Z");
  static final Instant FORWARDED = Instant.parse("2026-01-05T12:00:00Z");
  static final Instant SHARE_EXPIRES = SHARED.plus(Duration.ofDays(30));
  static final Instant FORWARD_BLOCKED_AT = SHARE_EXPIRES.plus(Duration.ofDays(1));

  static final String SHARE = "copy-req-1-" + CLIP;
  static final String FORWARD = "copy-fwd-1-" + CLIP;
  static final String LATE_FORWARD = "copy-fwd-2-" + CLIP;

  private CustodyFixtures() {}

  static CopyLedgerEntry.Builder entry(String policy, String clipId, String copyId) {
    return CopyLedgerEntry.newBuilder()
        .setPolicy(policy)
        .setCopyId(copyId)
        .setParentCopyId(null)
        .setClipId(clipId)
        .setCameraId("cam-0007")
        .setHouseholdId("hh-0007")
        .setClipRecordedAt(RECORDED.toEpochMilli())
        .setHolderId("metro-pd")
        .setHolderType(HolderType.REQUESTING_POLICE)
        .setKind(CopyKind.SHARE)
        .setChannel(ShareChannel.POLICE_REQUEST)
        .setRequestId("req-1")
        .setAddressDisclosed(true)
        .setMadeAt(SHARED.toEpochMilli())
        .setExpiresAt(SHARE_EXPIRES.toEpochMilli())
        .setStatus(CopyStatus.ALIVE)
        .setUpdatedAt(SHARED.toEpochMilli());
  }

  static CopyLedgerEntry sharedWithPolice() {
    return entry(POLICY, CLIP, SHARE).build();
  }

  static CopyLedgerEntry shareExpired() {
    return entry(POLICY, CLIP, SHARE)
        .setStatus(CopyStatus.EXPIRED)
        .setUpdatedAt(SHARE_EXPIRES.toEpochMilli())
        .build();
  }

  static CopyLedgerEntry forwardedToFederalAgency() {
    return entry(POLICY, CLIP, FORWARD)
        .setParentCopyId(SHARE)
        .setHolderId("fbi")
        .setHolderType(HolderType.FEDERAL_AGENCY)
        .setKind(CopyKind.FORWARD)
        .setMadeAt(FORWARDED.toEpochMilli())
        .setExpiresAt(null)
        .setUpdatedAt(FORWARDED.toEpochMilli())
        .build();
  }

  static CopyReceipt shareExpiry() {
    return new CopyReceipt(
        POLICY,
        SHARE,
        CLIP,
        "hh-0007",
        CopyReceiptKind.COPY_EXPIRED,
        SHARE_EXPIRES.toEpochMilli(),
        "copies held by REQUESTING_POLICE live 30 days",
        CopyReceiptCause.HOLDER_LIFETIME_ENDED,
        "base");
  }

  static CopyReceipt lateForwardBlocked() {
    return new CopyReceipt(
        POLICY,
        LATE_FORWARD,
        CLIP,
        "hh-0007",
        CopyReceiptKind.FORWARD_BLOCKED,
        FORWARD_BLOCKED_AT.toEpochMilli(),
        "parent copy " + SHARE + " does not exist under this policy",
        CopyReceiptCause.NO_LIVE_PARENT,
        "base");
  }
}
