package io.camfleet.sharing.topology;

import io.camfleet.avro.ClipExposure;
import io.camfleet.avro.ClipShared;
import java.util.OptionalLong;

/**
 * The clips store's values. A {@link ClipExposure} keeps when the original's retention period ends
 * as a plain long, {@code Long.MAX_VALUE} when a share exempted it and it never ends: the layout
 * the store has always had. Only this class reads or writes that field.
 */
final class ClipExposures {
  private static final long NEVER = Long.MAX_VALUE;

  private ClipExposures() {}

  /**
   * A shared clip with no live copy yet, whose original's retention period ends at {@code
   * retentionEndsAt}.
   */
  static ClipExposure of(ClipShared share, OptionalLong retentionEndsAt) {
    return new ClipExposure(
        share.getCameraId(),
        share.getHouseholdId(),
        share.getClipRecordedAt(),
        retentionEndsAt.orElse(NEVER),
        0,
        false);
  }

  /** When the original's retention period ends; empty when a share exempted it. */
  static OptionalLong retentionEndsAt(ClipExposure clip) {
    long at = clip.getOriginalExpiresAt();
    return at == NEVER ? OptionalLong.empty() : OptionalLong.of(at);
  }
}
