package io.camfleet.policy;

/**
 * One piece of a policy's due-time function for one region: for clips recorded in {@code
 * [recordedFrom, recordedUntil)}, the original is due either a fixed period after its recording, or
 * at one fixed instant (a stage that shortened retention, under {@code follow-new-rules}, makes
 * every clip already past its new period due when the stage starts). Within a piece the due time
 * never decreases with the recording time, so the clips due by an instant are those recorded up to
 * {@link #recordedBy}: a forward scan from a cursor finds them in due order.
 *
 * @param recordedFrom first recording time of the piece; {@link Long#MIN_VALUE} if unbounded
 * @param recordedUntil recording times before this; {@link Long#MAX_VALUE} if unbounded
 * @param periodMillis the period after the recording time, or -1 when the due time is fixed
 * @param fixedDueAt the due time of every clip of the piece when {@code periodMillis} is -1
 */
public record DuePiece(long recordedFrom, long recordedUntil, long periodMillis, long fixedDueAt) {

  static DuePiece period(long from, long until, long period) {
    return new DuePiece(from, until, period, 0);
  }

  static DuePiece fixed(long from, long until, long dueAt) {
    return new DuePiece(from, until, -1, dueAt);
  }

  /** Whether the due time is a period after the recording time (else a fixed instant). */
  public boolean byPeriod() {
    return periodMillis >= 0;
  }

  /** Whether a clip recorded at {@code recordedAt} falls in this piece. */
  public boolean holds(long recordedAt) {
    return recordedAt >= recordedFrom && recordedAt < recordedUntil;
  }

  /** When a clip of this piece recorded at {@code recordedAt} is due. */
  public long dueAt(long recordedAt) {
    return byPeriod() ? recordedAt + periodMillis : fixedDueAt;
  }

  /**
   * The latest recording time in this piece of a clip due at or before {@code now}; {@link
   * Long#MIN_VALUE} when no clip of the piece is due yet.
   */
  public long recordedBy(long now) {
    if (!byPeriod()) {
      return now >= fixedDueAt ? recordedUntil - 1 : Long.MIN_VALUE;
    }
    long latest = now - periodMillis;
    return latest < recordedFrom ? Long.MIN_VALUE : Math.min(latest, recordedUntil - 1);
  }

  /**
   * A name for the piece, stable across restarts: the period in milliseconds alone for a piece
   * covering every recording time (so a policy without stages names its periods as before).
   */
  public String key() {
    if (byPeriod() && recordedFrom == Long.MIN_VALUE && recordedUntil == Long.MAX_VALUE) {
      return Long.toString(periodMillis);
    }
    return recordedFrom
        + ".."
        + recordedUntil
        + (byPeriod() ? "+" + periodMillis : "@" + fixedDueAt);
  }
}
