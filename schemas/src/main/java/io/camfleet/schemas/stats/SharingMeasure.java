package io.camfleet.schemas.stats;

import static io.camfleet.schemas.stats.MeasureKind.COUNTER;
import static io.camfleet.schemas.stats.MeasureKind.LEVEL;

import io.camfleet.avro.CopyReceiptCause;

/**
 * The measures the sharing service writes to its statistics topic, per policy and day. Three of
 * them are also written per holder type of the copies ({@link #byHolderType()}). Every share or
 * onward copy not made is counted once under its cause ({@link #blockedBy}).
 */
public enum SharingMeasure implements StatsMeasure {
  REQUESTS(
      "requests",
      COUNTER,
      MeasureUnit.REQUESTS,
      "police requests",
      false,
      "Police requests for footage issued through the request portal; the same under every policy."),
  NOTIFICATIONS(
      "notifications",
      COUNTER,
      MeasureUnit.EMAILS,
      "request emails",
      false,
      "Emails the request portal sent to camera owners about a police request."),
  ANSWERS_SHARED(
      "answersShared",
      COUNTER,
      MeasureUnit.ANSWERS,
      "answers: shared",
      false,
      "Owners' answers to a police request that shared footage."),
  DECLINED(
      "declined",
      COUNTER,
      MeasureUnit.ANSWERS,
      "answers: declined",
      false,
      "Owners' answers to a police request that declined it."),
  IGNORED(
      "ignored",
      COUNTER,
      MeasureUnit.ANSWERS,
      "answers: ignored",
      false,
      "Notified owners who left a police request unanswered until it lapsed."),
  SHARES_VIA_REQUEST(
      "sharesViaRequest",
      COUNTER,
      MeasureUnit.SHARES,
      "shares with police",
      false,
      "Clips shared with police in answer to a request that the policy allowed while the original was still"
          + " kept, each making a copy held by police."),
  SHARES_VIA_POST(
      "sharesViaPost",
      COUNTER,
      MeasureUnit.SHARES,
      "posts to the feed",
      false,
      "Clips posted to the neighbourhood feed while the original was still kept, each making a copy on the feed."),
  SHARES_BLOCKED_BY_POLICY(
      "sharesBlockedByPolicy",
      COUNTER,
      MeasureUnit.SHARES,
      "shares blocked by policy",
      false,
      "Police shares the request caps blocked plus forwards the forwarding ban blocked, so a policy without"
          + " caps shows its blocked forwards here: sharesBlockedByCaps and forwardsBlockedByBan count the two"
          + " apart."),
  FORWARDS_BLOCKED(
      "forwardsBlocked",
      COUNTER,
      MeasureUnit.COPIES,
      "onward copies blocked",
      false,
      "Onward copies (forwards, downloads) not made: forwardsBlockedByBan, forbidden by the policy, plus"
          + " onwardCopiesWithoutParent, whose parent copy does not exist under it."),
  SHARES_REFUSED_EXPIRED(
      "sharesRefusedExpired",
      COUNTER,
      MeasureUnit.SHARES,
      "shares refused: original deleted",
      false,
      "Shares the policy allowed that came after the original had been deleted at its retention period, so no"
          + " copy was made."),
  COPIES_CREATED(
      "copiesCreated",
      COUNTER,
      MeasureUnit.COPIES,
      "copies created",
      true,
      "Copies of footage made outside the owners' accounts: one per share and one per onward copy the policy"
          + " allowed."),
  COPIES_EXPIRED(
      "copiesExpired",
      COUNTER,
      MeasureUnit.COPIES,
      "copies expired",
      false,
      "Copies deleted at the end of their lifetime under the policy: their holder type's lifetime, or the"
          + " original's retention period for copies that inherit it."),
  COPIES_ALIVE(
      "copiesAlive",
      LEVEL,
      MeasureUnit.COPIES,
      "copies alive",
      true,
      "Copies outside the owners' accounts that still exist at the day's end: created and not yet expired."),
  FOOTAGE_ALIVE_PAST_RETENTION(
      "footageAlivePastRetention",
      LEVEL,
      MeasureUnit.CLIPS,
      "clips alive past retention",
      false,
      "Shared clips past their retention period of which footage still exists: a copy outside the owner's"
          + " account, or an original kept because it was shared."),
  HOUSEHOLDS_EXPOSED(
      "householdsExposed",
      LEVEL,
      MeasureUnit.HOUSEHOLDS,
      "households exposed",
      true,
      "Households with at least one copy of their footage outside their account at the day's end (per holder"
          + " type: a copy held by that type)."),
  ADDRESSES_DISCLOSED(
      "addressesDisclosed",
      COUNTER,
      MeasureUnit.ADDRESSES,
      "addresses disclosed",
      false,
      "Households whose address the policy let go out with a share, each counted once."),
  SHARES_BLOCKED_BY_CAPS(
      "sharesBlockedByCaps",
      COUNTER,
      MeasureUnit.SHARES,
      "shares blocked by request caps",
      false,
      "Police shares the policy's request caps blocked, each counted once under the first cap it breaks in"
          + " the order window minimum, area minimum, window maximum, area maximum, look-back (the five"
          + " sharesBlocked measures that follow add up to it)."),
  SHARES_BLOCKED_WINDOW_BELOW_MINIMUM(
      "sharesBlockedWindowBelowMinimum",
      COUNTER,
      MeasureUnit.SHARES,
      "shares blocked: window below minimum",
      false,
      "Police shares answering a request whose time window is shorter than the policy's minimum, which"
          + " refuses the request whole."),
  SHARES_BLOCKED_AREA_BELOW_MINIMUM(
      "sharesBlockedAreaBelowMinimum",
      COUNTER,
      MeasureUnit.SHARES,
      "shares blocked: area below minimum",
      false,
      "Police shares answering a request whose area is smaller than the policy's minimum, which refuses the"
          + " request whole."),
  SHARES_BLOCKED_OUTSIDE_WINDOW(
      "sharesBlockedOutsideWindow",
      COUNTER,
      MeasureUnit.SHARES,
      "shares blocked: past window maximum",
      false,
      "Police shares of a clip recorded after the first hours of the requested window that the policy's"
          + " maximum window allows."),
  SHARES_BLOCKED_OUTSIDE_AREA(
      "sharesBlockedOutsideArea",
      COUNTER,
      MeasureUnit.SHARES,
      "shares blocked: beyond area maximum",
      false,
      "Police shares from a camera farther from the request's centre than the policy's maximum area"
          + " reaches."),
  SHARES_BLOCKED_PAST_LOOK_BACK(
      "sharesBlockedPastLookBack",
      COUNTER,
      MeasureUnit.SHARES,
      "shares blocked: past look back limit",
      false,
      "Police shares of a clip recorded longer before the request than the policy's look-back allows."),
  FORWARDS_BLOCKED_BY_BAN(
      "forwardsBlockedByBan",
      COUNTER,
      MeasureUnit.COPIES,
      "forwards blocked by the forwarding ban",
      false,
      "Forwards of an existing copy to another agency that the policy's ban on forwarding blocked."),
  ONWARD_COPIES_WITHOUT_PARENT(
      "onwardCopiesWithoutParent",
      COUNTER,
      MeasureUnit.COPIES,
      "onward copies not made: no parent copy",
      false,
      "Onward copies (forwards, downloads) not made because their parent copy does not exist under the"
          + " policy: it was blocked, refused or has expired.");

  private final String wireName;
  private final MeasureKind kind;
  private final MeasureUnit unit;
  private final String label;
  private final boolean byHolderType;
  private final String definition;

  SharingMeasure(
      String wireName,
      MeasureKind kind,
      MeasureUnit unit,
      String label,
      boolean byHolderType,
      String definition) {
    this.wireName = wireName;
    this.kind = kind;
    this.unit = unit;
    this.label = label;
    this.byHolderType = byHolderType;
    this.definition = definition;
  }

  /**
   * The measure that counts a share or onward copy not made for {@code cause}: one per request cap,
   * the forwarding ban, and a missing parent copy.
   */
  public static SharingMeasure blockedBy(CopyReceiptCause cause) {
    return switch (cause) {
      case WINDOW_BELOW_MINIMUM -> SHARES_BLOCKED_WINDOW_BELOW_MINIMUM;
      case AREA_BELOW_MINIMUM -> SHARES_BLOCKED_AREA_BELOW_MINIMUM;
      case OUTSIDE_WINDOW -> SHARES_BLOCKED_OUTSIDE_WINDOW;
      case OUTSIDE_AREA -> SHARES_BLOCKED_OUTSIDE_AREA;
      case PAST_LOOK_BACK -> SHARES_BLOCKED_PAST_LOOK_BACK;
      case FORWARDING_FORBIDDEN -> FORWARDS_BLOCKED_BY_BAN;
      case NO_LIVE_PARENT -> ONWARD_COPIES_WITHOUT_PARENT;
      case HOLDER_LIFETIME_ENDED, EXPIRED_WITH_ORIGINAL, OTHER ->
          throw new IllegalArgumentException(cause + " is not a cause of a blocked share or copy");
    };
  }

  @Override
  public String wireName() {
    return wireName;
  }

  @Override
  public StatsService service() {
    return StatsService.SHARING;
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
    return byHolderType;
  }
}
