package io.camfleet.report;

import java.util.ArrayList;
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

  /**
   * Every figure in the order report.json, report.csv, report.md and report.html show them: the
   * measures in {@link Measure}'s order, each followed by its breakdown by holder type, if it has
   * one.
   */
  List<Figure> ALL = Figures.inReportOrder();

  /** Builds {@link #ALL}. */
  final class Figures {
    private Figures() {}

    static List<Figure> inReportOrder() {
      List<Figure> all = new ArrayList<>();
      for (Measure measure : Measure.values()) {
        all.add(measure);
        for (HolderBreakdown breakdown : HolderBreakdown.values()) {
          if (breakdown.source() == measure.source()) {
            all.add(breakdown);
          }
        }
      }
      return List.copyOf(all);
    }
  }
}
