package io.camfleet.sharing.custody;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.camfleet.avro.CopyLedgerEntry;
import java.time.Instant;
import java.util.List;

/**
 * One live copy as the custody API shows it: times in ISO-8601 UTC, {@code expiresAt} null for a
 * copy kept indefinitely, and, in a custody tree, the copies made from it.
 */
public record CopyView(
    String policy,
    String copyId,
    String parentCopyId,
    String clipId,
    String cameraId,
    String householdId,
    String clipRecordedAt,
    String holderId,
    String holderType,
    String kind,
    String channel,
    String requestId,
    boolean addressDisclosed,
    String madeAt,
    String expiresAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<CopyView> children) {

  public static CopyView of(CopyLedgerEntry copy) {
    return new CopyView(
        copy.getPolicy(),
        copy.getCopyId(),
        copy.getParentCopyId(),
        copy.getClipId(),
        copy.getCameraId(),
        copy.getHouseholdId(),
        Instant.ofEpochMilli(copy.getClipRecordedAt()).toString(),
        copy.getHolderId(),
        copy.getHolderType().name(),
        copy.getKind().name(),
        copy.getChannel().name(),
        copy.getRequestId(),
        copy.getAddressDisclosed(),
        Instant.ofEpochMilli(copy.getMadeAt()).toString(),
        copy.getExpiresAt() == null ? null : Instant.ofEpochMilli(copy.getExpiresAt()).toString(),
        null);
  }

  /** The same copy with {@code children} below it. */
  public CopyView withChildren(List<CopyView> children) {
    return new CopyView(
        policy,
        copyId,
        parentCopyId,
        clipId,
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
        List.copyOf(children));
  }

  Instant madeAtInstant() {
    return Instant.parse(madeAt);
  }
}
