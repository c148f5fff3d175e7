package io.camfleet.schemas.stats;

import static io.camfleet.schemas.stats.MeasureKind.COUNTER;
import static io.camfleet.schemas.stats.MeasureKind.LEVEL;

import java.util.Arrays;
import java.util.List;

/**
 * The measures the retention service writes to its statistics topic, per policy and day.
 *
 * <p>The declaration order is the layout of the retention service's open days in its state store
 * ({@link #ordinal()} is a measure's position there): add new measures at the end, and never
 * reorder or remove one.
 */
public enum RetentionMeasure implements StatsMeasure {
  CLIPS_RECORDED(
      "clipsRecorded",
      COUNTER,
      MeasureUnit.CLIPS,
      "clips recorded",
      "Clips the cameras recorded, counted under every policy, including those that arrived after their"
          + " retention period had passed."),
  CLIPS_EXPIRED(
      "clipsExpired",
      COUNTER,
      MeasureUnit.CLIPS,
      "clips expired",
      "Original clips deleted from their owners' accounts because their retention period had passed: when it"
          + " passed, on arrival for a clip that arrived late, or when the last legal hold on a clip kept past its"
          + " period was released."),
  CLIPS_EXEMPT_BY_SHARE(
      "clipsExemptByShare",
      COUNTER,
      MeasureUnit.CLIPS,
      "clips exempt by share",
      "Original clips exempted from deletion by their first share (with police or on the neighbourhood feed)"
          + " under a policy that keeps shared originals."),
  CLIPS_ALIVE(
      "clipsAlive",
      LEVEL,
      MeasureUnit.CLIPS,
      "clips alive",
      "Original clips in their owners' accounts still due for deletion, held ones included but not those a"
          + " share exempted, so it can be lower under a policy that keeps more footage: clipsStored counts them"
          + " all."),
  LIVE_BYTES(
      "liveBytes",
      LEVEL,
      MeasureUnit.BYTES,
      "bytes stored",
      "Bytes of the original clips still in their owners' accounts, exempt and held ones included."),
  SHARES_REFUSED(
      "sharesRefused",
      COUNTER,
      MeasureUnit.SHARES,
      "shares refused",
      "Shares the policy allowed of a clip whose original had already been deleted, so nothing was shared."),
  SHARES_RECORDED(
      "sharesRecorded",
      COUNTER,
      MeasureUnit.SHARES,
      "shares recorded",
      "Shares of a stored original that did not exempt it: only repeat shares of an exempt clip where shared"
          + " originals are kept, every share where they expire on time (sharesOfStoredOriginals counts both)."),
  HOLDS_PLACED(
      "holdsPlaced",
      COUNTER,
      MeasureUnit.HOLDS,
      "legal holds placed",
      "Legal holds placed on an original still in its owner's account; a hold already on the clip is not"
          + " counted again."),
  EXPIRY_HELD(
      "expiryHeld",
      COUNTER,
      MeasureUnit.CLIPS,
      "expiries held",
      "Original clips that reached the end of their retention period under a legal hold and were kept instead"
          + " of deleted."),
  HOLDS_RELEASED(
      "holdsReleased",
      COUNTER,
      MeasureUnit.HOLDS,
      "legal holds released",
      "Legal holds released from an original still in its owner's account."),
  SHARES_OF_STORED_ORIGINALS(
      "sharesOfStoredOriginals",
      COUNTER,
      MeasureUnit.SHARES,
      "shares of stored originals",
      "Shares the policy allowed of an original still in its owner's account, whether or not they exempted"
          + " it (clipsExemptByShare plus sharesRecorded): the police shares and feed posts that made a copy."),
  CLIPS_STORED(
      "clipsStored",
      LEVEL,
      MeasureUnit.CLIPS,
      "clips stored",
      "Original clips still in their owners' accounts at the day's end, those exempt by a share and those"
          + " held included: clips recorded minus clips expired.");

  private final String wireName;
  private final MeasureKind kind;
  private final MeasureUnit unit;
  private final String label;
  private final String definition;

  RetentionMeasure(
      String wireName, MeasureKind kind, MeasureUnit unit, String label, String definition) {
    this.wireName = wireName;
    this.kind = kind;
    this.unit = unit;
    this.label = label;
    this.definition = definition;
  }

  /** Every wire name, in declaration order. */
  public static List<String> names() {
    return Arrays.stream(values()).map(RetentionMeasure::wireName).toList();
  }

  @Override
  public String wireName() {
    return wireName;
  }

  @Override
  public StatsService service() {
    return StatsService.RETENTION;
  }

  @Override
  public MeasureKind kind() {
    return kind;
  }

  @Override
  public MeasureUnit unit() {
    return unit;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public String definition() {
    return definition;
  }

  @Override
  public boolean byHolderType() {
    return false;
  }
}
