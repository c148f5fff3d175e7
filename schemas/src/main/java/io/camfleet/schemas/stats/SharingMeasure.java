package io.camfleet.schemas.stats;

import static io.camfleet.schemas.stats.MeasureKind.COUNTER;
import static io.camfleet.schemas.stats.MeasureKind.LEVEL;

import io.camfleet.avro.CopyReceiptCause;

/**
 * The measures the sharing service writes to its statistics topic, per policy and day. Under caps
 * enforced at the portal, requests, emails and answers follow what the portal sent; a share the
 * portal never asked for is not a blocked share and counts nowhere. Three of them are also written
 * per holder type of the copies ({@link #byHolderType()}). Every share or onward copy not made is
 * counted once under its cause ({@link #blockedBy}).
 */
public enum SharingMeasure implements StatsMeasure {
  REQUESTS(
      "requests",
      COUNTER,
      MeasureUnit.REQUESTS,
      "requests sent",
      false,
      "Police requests the portal sent out under the policy: requestsMade less requestsRefused, the same as"
          + " requestsMade under every policy whose caps do not act at the portal."),
  NOTIFICATIONS(
      "notifications",
      COUNTER,
      MeasureUnit.EMAILS,
      "request emails",
      false,
      "Emails the request portal sent to camera owners about a police request under the policy."),
  ANSWERS_SHARED(
      "answersShared",
      COUNTER,
      MeasureUnit.ANSWERS,
      "answers: shared",
      false,
      "Owners' answers that shared footage, to a request email the portal sent under the policy."),
  DECLINED(
      "declined",
      COUNTER,
      MeasureUnit.ANSWERS,
      "answers: declined",
      false,
      "Owners' answers that declined a police request, to an email the portal sent under the policy."),
  IGNORED(
      "ignored",
      COUNTER,
      MeasureUnit.ANSWERS,
      "answers: ignored",
      false,
      "Owners emailed under the policy who left a police request unanswered until it lapsed."),
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
      "Police shares the request caps or a closed portal blocked plus forwards the forwarding ban blocked:"
          + " sharesBlockedByCaps and forwardsBlockedByBan count the caps and the ban apart."),
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
      "Forwards of an existing copy to another agency that the policy's forwarding rule blocked: every"
          + " forward under forwarding none, forwards to federal agencies under local-only."),
  ONWARD_COPIES_WITHOUT_PARENT(
      "onwardCopiesWithoutParent",
      COUNTER,
      MeasureUnit.COPIES,
      "onward copies not made: no parent copy",
      false,
      "Onward copies (forwards, downloads) not made because their parent copy does not exist under the"
          + " policy: it was blocked, refused or has expired."),
  REQUESTS_MADE(
      "requestsMade",
      COUNTER,
      MeasureUnit.REQUESTS,
      "requests made",
      false,
      "Police requests for footage agencies made through the request portal, before the portal refused or"
          + " narrowed any; the same under every policy."),
  REQUESTS_REFUSED(
      "requestsRefused",
      COUNTER,
      MeasureUnit.REQUESTS,
      "requests refused",
      false,
      "Police requests the portal refused whole under the policy, each under its first cause (the four"
          + " requestsRefused measures that follow add up to it)."),
  REQUESTS_REFUSED_PORTAL_CLOSED(
      "requestsRefusedPortalClosed",
      COUNTER,
      MeasureUnit.REQUESTS,
      "requests refused: portal closed",
      false,
      "Police requests refused because the policy's portal takes no requests."),
  REQUESTS_REFUSED_WINDOW_BELOW_MINIMUM(
      "requestsRefusedWindowBelowMinimum",
      COUNTER,
      MeasureUnit.REQUESTS,
      "requests refused: window below minimum",
      false,
      "Police requests the portal refused because their time window is shorter than the policy's minimum."),
  REQUESTS_REFUSED_AREA_BELOW_MINIMUM(
      "requestsRefusedAreaBelowMinimum",
      COUNTER,
      MeasureUnit.REQUESTS,
      "requests refused: area below minimum",
      false,
      "Police requests the portal refused because their area is smaller than the policy's minimum."),
  REQUESTS_REFUSED_PAST_LOOK_BACK(
      "requestsRefusedPastLookBack",
      COUNTER,
      MeasureUnit.REQUESTS,
      "requests refused: past look back limit",
      false,
      "Police requests the portal refused because their whole window lies before the policy's look-back."),
  REQUESTS_NARROWED(
      "requestsNarrowed",
      COUNTER,
      MeasureUnit.REQUESTS,
      "requests narrowed",
      false,
      "Police requests the portal sent narrowed on at least one of window, area and look-back (the three"
          + " requestsNarrowed measures that follow may add up to more)."),
  REQUESTS_NARROWED_WINDOW(
      "requestsNarrowedWindow",
      COUNTER,
      MeasureUnit.REQUESTS,
      "requests narrowed: window",
      false,
      "Police requests the portal sent with their window clipped to the policy's maximum window."),
  REQUESTS_NARROWED_AREA(
      "requestsNarrowedArea",
      COUNTER,
      MeasureUnit.REQUESTS,
      "requests narrowed: area",
      false,
      "Police requests the portal sent with their radius cut to the policy's maximum area."),
  REQUESTS_NARROWED_LOOK_BACK(
      "requestsNarrowedLookBack",
      COUNTER,
      MeasureUnit.REQUESTS,
      "requests narrowed: look back",
      false,
      "Police requests the portal sent with their window's start moved up to the policy's look-back."),
  NOTIFICATIONS_WITHHELD(
      "notificationsWithheld",
      COUNTER,
      MeasureUnit.EMAILS,
      "request emails withheld",
      false,
      "Emails to camera owners the portal did not send because of the policy: every email of a refused"
          + " request, and those to cameras beyond a narrowed area."),
  HOUSEHOLDS_KNOWN_TO_POLICE(
      "householdsKnownToPolice",
      LEVEL,
      MeasureUnit.HOUSEHOLDS,
      "households known to police",
      false,
      "Households whose camera location or answer police learned through the portal under a policy that"
          + " discloses addresses: a shared answer, a reported refusal or a camera map, each counted once.");

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
   * the forwarding rule (both of its causes), and a missing parent copy. A share blocked because
   * the portal is closed ({@code PORTAL_CLOSED}, caps enforced at the share) has none of its own.
   */
  public static SharingMeasure blockedBy(CopyReceiptCause cause) {
    return switch (cause) {
      case WINDOW_BELOW_MINIMUM -> SHARES_BLOCKED_WINDOW_BELOW_MINIMUM;
      case AREA_BELOW_MINIMUM -> SHARES_BLOCKED_AREA_BELOW_MINIMUM;
      case OUTSIDE_WINDOW -> SHARES_BLOCKED_OUTSIDE_WINDOW;
      case OUTSIDE_AREA -> SHARES_BLOCKED_OUTSIDE_AREA;
      case PAST_LOOK_BACK -> SHARES_BLOCKED_PAST_LOOK_BACK;
      case FORWARDING_FORBIDDEN, FEDERAL_FORWARDING_FORBIDDEN -> FORWARDS_BLOCKED_BY_BAN;
      case NO_LIVE_PARENT -> ONWARD_COPIES_WITHOUT_PARENT;
      case PORTAL_CLOSED ->
          throw new IllegalArgumentException(
              cause + " blocks a share outside the request caps: sharesBlockedByPolicy counts it");
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
