package io.camfleet.report;

import io.camfleet.avro.HolderType;
import io.camfleet.schemas.stats.MeasureKey;
import io.camfleet.schemas.stats.StatsMeasure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One number of a policy's final figures, under the name report.csv gives it: a {@link Measure}'s
 * field ({@code clipsAliveAtEnd}), or a {@link HolderBreakdown}'s field and holder type ({@code
 * copiesByHolderType.PUBLIC}). The keys of {@code summary}, {@code vsBaseline} and the measure
 * catalogue in report.json.
 *
 * @param holder the holder type of a part of a breakdown, or null for a figure that is one number
 */
public record ReportKey(Figure figure, HolderType holder) {

  /** Every key, in the order of {@link Figure#ALL}, breakdowns by holder type in schema order. */
  public static final List<ReportKey> ALL = all();

  public ReportKey {
    Objects.requireNonNull(figure, "figure");
    if ((holder == null) != (figure instanceof Measure)) {
      throw new IllegalArgumentException(
          figure.field() + (holder == null ? " needs a holder type" : " has no holder types"));
    }
  }

  private static List<ReportKey> all() {
    List<ReportKey> keys = new ArrayList<>();
    for (Figure figure : Figure.ALL) {
      if (figure instanceof Measure) {
        keys.add(new ReportKey(figure, null));
      } else {
        for (HolderType holder : HolderType.values()) {
          keys.add(new ReportKey(figure, holder));
        }
      }
    }
    return List.copyOf(keys);
  }

  /** The key with this name. */
  public static ReportKey named(String name) {
    for (ReportKey key : ALL) {
      if (key.name().equals(name)) {
        return key;
      }
    }
    throw new IllegalArgumentException("no report measure '" + name + "'");
  }

  /** Its name: {@code field} or {@code field.HOLDER_TYPE}. */
  public String name() {
    return holder == null ? figure.field() : figure.field() + "." + holder.name();
  }

  /** The measure of the statistics vocabulary it reads. */
  public StatsMeasure measure() {
    return figure instanceof Measure m ? m.source() : ((HolderBreakdown) figure).source();
  }

  /** The key it reads in the services' daily statistics. */
  public MeasureKey statsKey() {
    return holder == null ? measure().key() : measure().of(holder);
  }

  /** A short name a person reads, from the vocabulary. */
  public String label() {
    return statsKey().label();
  }

  /** Whether it is a whole measure rather than a part by holder type. */
  public boolean whole() {
    return holder == null;
  }

  /** Its value in a policy's final figures. */
  public long value(PolicyReport policy) {
    return policy.end().value(statsKey());
  }

  /** Its value on one day. */
  public long value(DayPoint day) {
    return day.value(statsKey());
  }

  @Override
  public String toString() {
    return name();
  }
}
