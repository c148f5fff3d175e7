package io.camfleet.sharing.custody;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.ShareChannel;
import io.camfleet.provenance.CustodyCopy;
import io.camfleet.provenance.CustodyStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One copy as the custody API shows it: times in ISO-8601 UTC, {@code expiresAt} null for a copy
 * kept indefinitely; {@code status} {@code ALIVE}, {@code EXPIRED} or {@code BLOCKED}, and for an
 * ended copy {@code endedAt}, the {@code receipt} that ended it, its {@code cause} and {@code
 * reason}; in a custody tree, the copies made from it. A blocked copy was never made: only its id,
 * clip, household, time, receipt, cause and reason are known, its other fields are null.
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
    String status,
    String endedAt,
    String receipt,
    String cause,
    String reason,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<CopyView> children) {

  /** A live copy in the state of its ledger entry. */
  public static CopyView of(CopyLedgerEntry copy) {
    return of(CustodyCopy.made(copy, null));
  }

  public static CopyView of(CustodyCopy copy) {
    return new CopyView(
        copy.policy(),
        copy.copyId(),
        copy.parentCopyId(),
        copy.clipId(),
        copy.cameraId(),
        copy.householdId(),
        text(copy.clipRecordedAt()),
        copy.holderId(),
        name(copy.holderType()),
        name(copy.kind()),
        name(copy.channel()),
        copy.requestId(),
        copy.addressDisclosed(),
        text(copy.madeAt()),
        text(copy.expiresAt()),
        copy.status().name(),
        text(copy.endedAt()),
        name(copy.receipt()),
        name(copy.cause()),
        copy.reason(),
        null);
  }

  /** The copy this view shows. */
  public CustodyCopy toCopy() {
    return new CustodyCopy(
        policy,
        clipId,
        copyId,
        parentCopyId,
        cameraId,
        householdId,
        instant(clipRecordedAt),
        holderId,
        holderType == null ? null : HolderType.valueOf(holderType),
        kind == null ? null : CopyKind.valueOf(kind),
        channel == null ? null : ShareChannel.valueOf(channel),
        requestId,
        addressDisclosed,
        instant(madeAt),
        instant(expiresAt),
        CustodyStatus.valueOf(status),
        instant(endedAt),
        receipt == null ? null : CopyReceiptKind.valueOf(receipt),
        cause == null ? null : CopyReceiptCause.valueOf(cause),
        reason);
  }

  /** The copy as it stood at {@code instant}, if it had been made or blocked by then. */
  public Optional<CopyView> asOf(Instant instant) {
    return toCopy().asOf(instant).map(CopyView::of);
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
        status,
        endedAt,
        receipt,
        cause,
        reason,
        List.copyOf(children));
  }

  /** When the copy came into the story: made, or blocked. */
  Instant storyTime() {
    return Instant.parse(madeAt != null ? madeAt : endedAt);
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
