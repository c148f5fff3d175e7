package io.camfleet.sharing.custody;

/** Copies as the custody API shows them once ended, for the tests' expected answers. */
public final class CopyViews {
  private CopyViews() {}

  /** {@code copy} once a receipt ended it at {@code endedAt}, leaving it {@code status}. */
  public static CopyView ended(
      CopyView copy, String status, String endedAt, String receipt, String cause, String reason) {
    return new CopyView(
        copy.policy(),
        copy.copyId(),
        copy.parentCopyId(),
        copy.clipId(),
        copy.cameraId(),
        copy.householdId(),
        copy.clipRecordedAt(),
        copy.holderId(),
        copy.holderType(),
        copy.kind(),
        copy.channel(),
        copy.requestId(),
        copy.addressDisclosed(),
        copy.madeAt(),
        copy.expiresAt(),
        status,
        endedAt,
        receipt,
        cause,
        reason,
        null);
  }

  /**
   * A forward the policy blocked at {@code at}: only what its receipt tells is known (its id, clip,
   * household, time, cause and reason).
   */
  public static CopyView forwardBlocked(
      String policy,
      String copyId,
      String clipId,
      String householdId,
      String at,
      String cause,
      String reason) {
    return new CopyView(
        policy,
        copyId,
        null,
        clipId,
        null,
        householdId,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        null,
        null,
        "BLOCKED",
        at,
        "FORWARD_BLOCKED",
        cause,
        reason,
        null);
  }
}
