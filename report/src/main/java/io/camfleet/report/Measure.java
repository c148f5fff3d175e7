package io.camfleet.report;

import io.camfleet.schemas.stats.RetentionMeasure;
import io.camfleet.schemas.stats.SharingMeasure;
import io.camfleet.schemas.stats.StatsMeasure;
import io.camfleet.schemas.stats.StatsService;

/**
 * A final figure that is one number, read from one service measure on the final day. Its field in
 * report.json is the measure's wire name, unless the report names it otherwise (the levels read at
 * the end, {@code ...AtEnd}).
 *
 * <p>The constants are the report's choice of section ({@link Group}) for each measure of the
 * vocabulary, in the order the reports show them ({@link Figure#ALL} follows it); the measures
 * themselves, their names and definitions, are the vocabulary's ({@code
 * io.camfleet.schemas.stats}). Every measure a service writes has exactly one constant here (a test
 * checks it).
 */
public enum Measure implements Figure {
  CLIPS_RECORDED(Group.FOOTAGE, RetentionMeasure.CLIPS_RECORDED),
  CLIPS_EXPIRED(Group.FOOTAGE, RetentionMeasure.CLIPS_EXPIRED),
  CLIPS_EXEMPT_BY_SHARE(Group.FOOTAGE, RetentionMeasure.CLIPS_EXEMPT_BY_SHARE),
  CLIPS_ALIVE_AT_END("clipsAliveAtEnd", Group.FOOTAGE, RetentionMeasure.CLIPS_ALIVE),
  CLIPS_STORED_AT_END("clipsStoredAtEnd", Group.FOOTAGE, RetentionMeasure.CLIPS_STORED),
  LIVE_BYTES_AT_END("liveBytesAtEnd", Group.FOOTAGE, RetentionMeasure.LIVE_BYTES),
  FOOTAGE_ALIVE_PAST_RETENTION(Group.FOOTAGE, SharingMeasure.FOOTAGE_ALIVE_PAST_RETENTION),
  REQUESTS(Group.REQUESTS, SharingMeasure.REQUESTS),
  NOTIFICATIONS(Group.REQUESTS, SharingMeasure.NOTIFICATIONS),
  ANSWERS_SHARED(Group.REQUESTS, SharingMeasure.ANSWERS_SHARED),
  SHARES_VIA_REQUEST(Group.REQUESTS, SharingMeasure.SHARES_VIA_REQUEST),
  DECLINED(Group.REQUESTS, SharingMeasure.DECLINED),
  IGNORED(Group.REQUESTS, SharingMeasure.IGNORED),
  SHARES_VIA_POST(Group.REQUESTS, SharingMeasure.SHARES_VIA_POST),
  SHARES_BLOCKED_BY_POLICY(Group.REQUESTS, SharingMeasure.SHARES_BLOCKED_BY_POLICY),
  SHARES_REFUSED_EXPIRED(Group.REQUESTS, SharingMeasure.SHARES_REFUSED_EXPIRED),
  FORWARDS_BLOCKED(Group.REQUESTS, SharingMeasure.FORWARDS_BLOCKED),
  SHARES_BLOCKED_BY_CAPS(Group.REQUESTS, SharingMeasure.SHARES_BLOCKED_BY_CAPS),
  SHARES_BLOCKED_WINDOW_BELOW_MINIMUM(
      Group.REQUESTS, SharingMeasure.SHARES_BLOCKED_WINDOW_BELOW_MINIMUM),
  SHARES_BLOCKED_AREA_BELOW_MINIMUM(
      Group.REQUESTS, SharingMeasure.SHARES_BLOCKED_AREA_BELOW_MINIMUM),
  SHARES_BLOCKED_OUTSIDE_WINDOW(Group.REQUESTS, SharingMeasure.SHARES_BLOCKED_OUTSIDE_WINDOW),
  SHARES_BLOCKED_OUTSIDE_AREA(Group.REQUESTS, SharingMeasure.SHARES_BLOCKED_OUTSIDE_AREA),
  SHARES_BLOCKED_PAST_LOOK_BACK(Group.REQUESTS, SharingMeasure.SHARES_BLOCKED_PAST_LOOK_BACK),
  FORWARDS_BLOCKED_BY_BAN(Group.REQUESTS, SharingMeasure.FORWARDS_BLOCKED_BY_BAN),
  ONWARD_COPIES_WITHOUT_PARENT(Group.REQUESTS, SharingMeasure.ONWARD_COPIES_WITHOUT_PARENT),
  REQUESTS_MADE(Group.REQUESTS, SharingMeasure.REQUESTS_MADE),
  REQUESTS_REFUSED(Group.REQUESTS, SharingMeasure.REQUESTS_REFUSED),
  REQUESTS_REFUSED_PORTAL_CLOSED(Group.REQUESTS, SharingMeasure.REQUESTS_REFUSED_PORTAL_CLOSED),
  REQUESTS_REFUSED_WINDOW_BELOW_MINIMUM(
      Group.REQUESTS, SharingMeasure.REQUESTS_REFUSED_WINDOW_BELOW_MINIMUM),
  REQUESTS_REFUSED_AREA_BELOW_MINIMUM(
      Group.REQUESTS, SharingMeasure.REQUESTS_REFUSED_AREA_BELOW_MINIMUM),
  REQUESTS_REFUSED_PAST_LOOK_BACK(Group.REQUESTS, SharingMeasure.REQUESTS_REFUSED_PAST_LOOK_BACK),
  REQUESTS_NARROWED(Group.REQUESTS, SharingMeasure.REQUESTS_NARROWED),
  REQUESTS_NARROWED_WINDOW(Group.REQUESTS, SharingMeasure.REQUESTS_NARROWED_WINDOW),
  REQUESTS_NARROWED_AREA(Group.REQUESTS, SharingMeasure.REQUESTS_NARROWED_AREA),
  REQUESTS_NARROWED_LOOK_BACK(Group.REQUESTS, SharingMeasure.REQUESTS_NARROWED_LOOK_BACK),
  NOTIFICATIONS_WITHHELD(Group.REQUESTS, SharingMeasure.NOTIFICATIONS_WITHHELD),
  COPIES_CREATED(Group.COPIES, SharingMeasure.COPIES_CREATED),
  COPIES_EXPIRED(Group.COPIES, SharingMeasure.COPIES_EXPIRED),
  COPIES_ALIVE_AT_END("copiesAliveAtEnd", Group.COPIES, SharingMeasure.COPIES_ALIVE),
  HOUSEHOLDS_EXPOSED(Group.EXPOSURE, SharingMeasure.HOUSEHOLDS_EXPOSED),
  ADDRESSES_DISCLOSED(Group.EXPOSURE, SharingMeasure.ADDRESSES_DISCLOSED),
  HOUSEHOLDS_KNOWN_TO_POLICE(Group.EXPOSURE, SharingMeasure.HOUSEHOLDS_KNOWN_TO_POLICE),
  SHARES_RECORDED(Group.RETENTION_RECEIPTS, RetentionMeasure.SHARES_RECORDED),
  SHARES_OF_STORED_ORIGINALS(Group.RETENTION_RECEIPTS, RetentionMeasure.SHARES_OF_STORED_ORIGINALS),
  SHARES_REFUSED(Group.RETENTION_RECEIPTS, RetentionMeasure.SHARES_REFUSED),
  HOLDS_PLACED(Group.RETENTION_RECEIPTS, RetentionMeasure.HOLDS_PLACED),
  EXPIRY_HELD(Group.RETENTION_RECEIPTS, RetentionMeasure.EXPIRY_HELD),
  HOLDS_RELEASED(Group.RETENTION_RECEIPTS, RetentionMeasure.HOLDS_RELEASED);

  private final String field;
  private final Group group;
  private final StatsMeasure source;

  /** A figure named as the measure it reads. */
  Measure(Group group, StatsMeasure source) {
    this(source.wireName(), group, source);
  }

  Measure(String field, Group group, StatsMeasure source) {
    this.field = field;
    this.group = group;
    this.source = source;
  }

  @Override
  public String field() {
    return field;
  }

  @Override
  public Group group() {
    return group;
  }

  /** The service whose final record holds it. */
  public StatsService service() {
    return source.service();
  }

  /** The measure it reads. */
  public StatsMeasure source() {
    return source;
  }
}
