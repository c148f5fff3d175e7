package io.camfleet.sharing;

import io.camfleet.avro.ClipShared;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyMade;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.RequestTerms;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.WorldEvent;
import io.camfleet.sharing.custody.CopyView;
import io.camfleet.sharing.custody.CopyViews;
import java.time.Duration;
import java.time.Instant;

/**
 * The clip the integration tests share: {@code clip-1}, recorded by {@code cam-1} of {@code
 * house-1} on the evening of day 0, shared with the police that asked for it, then forwarded; and
 * its copies as the custody API shows them.
 */
final class DoorstepClip {
  static final String CLIP = "clip-1";
  static final String CAMERA = "cam-1";
  static final long DAY_0 = Instant.parse("2019-06-01T00:00:00Z").toEpochMilli();
  static final long DAY = Duration.ofDays(1).toMillis();
  static final long RECORDED_AT = DAY_0 + 20 * 3_600_000L;

  private DoorstepClip() {}

  /** The start of day {@code n}. */
  static long day(int n) {
    return DAY_0 + n * DAY;
  }

  static String text(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  /** The clip shared with the requesting police, {@code agency-fll}, at {@code at}. */
  static WorldEvent sharedWithPolice(String copyId, long at) {
    RequestTerms terms =
        new RequestTerms(
            "req-1", RECORDED_AT - 3_600_000L, RECORDED_AT + 3_600_000L, 0.25, at, 0.1);
    return new WorldEvent(
        at,
        new ClipShared(
            copyId,
            CLIP,
            CAMERA,
            "house-1",
            RECORDED_AT,
            "US",
            ShareChannel.POLICE_REQUEST,
            "agency-fll",
            HolderType.REQUESTING_POLICE,
            true,
            terms));
  }

  /** A copy of {@code parent} forwarded to {@code agency} at {@code at}. */
  static WorldEvent forwarded(
      String copyId, String parent, String agency, HolderType holder, long at) {
    return new WorldEvent(
        at,
        new CopyMade(
            copyId,
            parent,
            CLIP,
            CAMERA,
            "house-1",
            RECORDED_AT,
            CopyKind.FORWARD,
            agency,
            holder));
  }

  /** A live copy made at {@code madeAt} on the police request, expiring at {@code expiresAt}. */
  static CopyView alive(
      String policy,
      String copyId,
      String parent,
      String holder,
      HolderType type,
      CopyKind kind,
      long madeAt,
      Long expiresAt) {
    return new CopyView(
        policy,
        copyId,
        parent,
        CLIP,
        CAMERA,
        "house-1",
        text(RECORDED_AT),
        holder,
        type.name(),
        kind.name(),
        "POLICE_REQUEST",
        "req-1",
        true,
        text(madeAt),
        expiresAt == null ? null : text(expiresAt),
        "ALIVE",
        null,
        null,
        null,
        null,
        null);
  }

  /** A forward the policy blocked at {@code at}: only what its receipt tells is known. */
  static CopyView blocked(String policy, String copyId, long at, String cause, String reason) {
    return CopyViews.forwardBlocked(policy, copyId, CLIP, "house-1", text(at), cause, reason);
  }
}
