package io.camfleet.report;

import java.util.List;

/**
 * A final figure of a policy: one number ({@link Measure}) or one number per holder type ({@link
 * HolderBreakdown}).
 */
public sealed interface Figure permits Measure, HolderBreakdown {

  /** What a figure is about; reports show figures grouped so. */
  enum Group {
    FOOTAGE("Footage"),
    REQUESTS("Police requests and shares"),
    COPIES("Copies outside owners' accounts"),
    EXPOSURE("Households exposed"),
    RETENTION_RECEIPTS("Shares and legal holds seen by retention");

    private final String title;

    Group(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  /**
   * The field name in report.json (a column or column prefix in report.csv, a row in report.md).
   */
  String field();

  Group group();

  /** Every figure in the order report.json, report.csv, report.md and report.html show them. */
  List<Figure> ALL =
      List.of(
          Measure.CLIPS_RECORDED,
          Measure.CLIPS_EXPIRED,
          Measure.CLIPS_EXEMPT_BY_SHARE,
          Measure.CLIPS_ALIVE_AT_END,
          Measure.CLIPS_STORED_AT_END,
          Measure.LIVE_BYTES_AT_END,
          Measure.FOOTAGE_ALIVE_PAST_RETENTION,
          Measure.REQUESTS,
          Measure.NOTIFICATIONS,
          Measure.ANSWERS_SHARED,
          Measure.SHARES_VIA_REQUEST,
          Measure.DECLINED,
          Measure.IGNORED,
          Measure.SHARES_VIA_POST,
          Measure.SHARES_BLOCKED_BY_POLICY,
          Measure.SHARES_REFUSED_EXPIRED,
          Measure.FORWARDS_BLOCKED,
          Measure.SHARES_BLOCKED_BY_CAPS,
          Measure.SHARES_BLOCKED_WINDOW_BELOW_MINIMUM,
          Measure.SHARES_BLOCKED_AREA_BELOW_MINIMUM,
          Measure.SHARES_BLOCKED_OUTSIDE_WINDOW,
          Measure.SHARES_BLOCKED_OUTSIDE_AREA,
          Measure.SHARES_BLOCKED_PAST_LOOK_BACK,
          Measure.FORWARDS_BLOCKED_BY_BAN,
          Measure.ONWARD_COPIES_WITHOUT_PARENT,
          Measure.REQUESTS_MADE,
          Measure.REQUESTS_REFUSED,
          Measure.REQUESTS_REFUSED_PORTAL_CLOSED,
          Measure.REQUESTS_REFUSED_WINDOW_BELOW_MINIMUM,
          Measure.REQUESTS_REFUSED_AREA_BELOW_MINIMUM,
          Measure.REQUESTS_REFUSED_PAST_LOOK_BACK,
          Measure.REQUESTS_NARROWED,
          Measure.REQUESTS_NARROWED_WINDOW,
          Measure.REQUESTS_NARROWED_AREA,
          Measure.REQUESTS_NARROWED_LOOK_BACK,
          Measure.NOTIFICATIONS_WITHHELD,
          Measure.COPIES_CREATED,
          HolderBreakdown.COPIES_CREATED,
          Measure.COPIES_EXPIRED,
          Measure.COPIES_ALIVE_AT_END,
          HolderBreakdown.COPIES_ALIVE,
          Measure.HOUSEHOLDS_EXPOSED,
          HolderBreakdown.HOUSEHOLDS_EXPOSED,
          Measure.ADDRESSES_DISCLOSED,
          Measure.HOUSEHOLDS_KNOWN_TO_POLICE,
          Measure.SHARES_RECORDED,
          Measure.SHARES_OF_STORED_ORIGINALS,
          Measure.SHARES_REFUSED,
          Measure.HOLDS_PLACED,
          Measure.EXPIRY_HELD,
          Measure.HOLDS_RELEASED);
}
