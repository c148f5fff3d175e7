package io.camfleet.sharing.topology;

import static io.camfleet.schemas.stats.SharingMeasure.ADDRESSES_DISCLOSED;
import static io.camfleet.schemas.stats.SharingMeasure.ANSWERS_SHARED;
import static io.camfleet.schemas.stats.SharingMeasure.COPIES_ALIVE;
import static io.camfleet.schemas.stats.SharingMeasure.COPIES_CREATED;
import static io.camfleet.schemas.stats.SharingMeasure.COPIES_EXPIRED;
import static io.camfleet.schemas.stats.SharingMeasure.DECLINED;
import static io.camfleet.schemas.stats.SharingMeasure.FOOTAGE_ALIVE_PAST_RETENTION;
import static io.camfleet.schemas.stats.SharingMeasure.FORWARDS_BLOCKED;
import static io.camfleet.schemas.stats.SharingMeasure.FORWARDS_BLOCKED_BY_BAN;
import static io.camfleet.schemas.stats.SharingMeasure.HOUSEHOLDS_EXPOSED;
import static io.camfleet.schemas.stats.SharingMeasure.HOUSEHOLDS_KNOWN_TO_POLICE;
import static io.camfleet.schemas.stats.SharingMeasure.IGNORED;
import static io.camfleet.schemas.stats.SharingMeasure.NOTIFICATIONS;
import static io.camfleet.schemas.stats.SharingMeasure.NOTIFICATIONS_WITHHELD;
import static io.camfleet.schemas.stats.SharingMeasure.ONWARD_COPIES_WITHOUT_PARENT;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_MADE;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_NARROWED;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_NARROWED_AREA;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_NARROWED_LOOK_BACK;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_NARROWED_WINDOW;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_REFUSED;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_REFUSED_AREA_BELOW_MINIMUM;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_REFUSED_PAST_LOOK_BACK;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_REFUSED_PORTAL_CLOSED;
import static io.camfleet.schemas.stats.SharingMeasure.REQUESTS_REFUSED_WINDOW_BELOW_MINIMUM;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_BLOCKED_AREA_BELOW_MINIMUM;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_BLOCKED_BY_CAPS;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_BLOCKED_BY_POLICY;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_BLOCKED_OUTSIDE_AREA;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_BLOCKED_OUTSIDE_WINDOW;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_BLOCKED_PAST_LOOK_BACK;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_BLOCKED_WINDOW_BELOW_MINIMUM;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_REFUSED_EXPIRED;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_VIA_POST;
import static io.camfleet.schemas.stats.SharingMeasure.SHARES_VIA_REQUEST;

import io.camfleet.avro.HolderType;
import io.camfleet.schemas.stats.MeasureKey;
import io.camfleet.schemas.stats.SharingMeasure;
import io.camfleet.schemas.stats.StatsService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which sharing measures each of the two processors counts, and where each sits in its open days
 * ({@code DailyDeltas}): the measures in the given order, then, per holder type, the parts of the
 * measures broken down by holder type. The order is part of the state stores' format: add new
 * measures at the end of a list, and never reorder one.
 */
final class MeasureSlots {
  /** Counted where the copies live: on the world-events partition of the clip's camera. */
  static final MeasureSlots COPIES =
      new MeasureSlots(
          List.of(
              REQUESTS,
              NOTIFICATIONS,
              ANSWERS_SHARED,
              DECLINED,
              IGNORED,
              SHARES_VIA_REQUEST,
              SHARES_VIA_POST,
              SHARES_BLOCKED_BY_POLICY,
              FORWARDS_BLOCKED,
              SHARES_REFUSED_EXPIRED,
              COPIES_CREATED,
              COPIES_EXPIRED,
              COPIES_ALIVE,
              FOOTAGE_ALIVE_PAST_RETENTION,
              SHARES_BLOCKED_BY_CAPS,
              SHARES_BLOCKED_WINDOW_BELOW_MINIMUM,
              SHARES_BLOCKED_AREA_BELOW_MINIMUM,
              SHARES_BLOCKED_OUTSIDE_WINDOW,
              SHARES_BLOCKED_OUTSIDE_AREA,
              SHARES_BLOCKED_PAST_LOOK_BACK,
              FORWARDS_BLOCKED_BY_BAN,
              ONWARD_COPIES_WITHOUT_PARENT,
              REQUESTS_MADE,
              REQUESTS_REFUSED,
              REQUESTS_REFUSED_PORTAL_CLOSED,
              REQUESTS_REFUSED_WINDOW_BELOW_MINIMUM,
              REQUESTS_REFUSED_AREA_BELOW_MINIMUM,
              REQUESTS_REFUSED_PAST_LOOK_BACK,
              REQUESTS_NARROWED,
              REQUESTS_NARROWED_WINDOW,
              REQUESTS_NARROWED_AREA,
              REQUESTS_NARROWED_LOOK_BACK,
              NOTIFICATIONS_WITHHELD),
          List.of(COPIES_ALIVE, COPIES_CREATED));

  /** Counted per household, after the repartition by household. */
  static final MeasureSlots HOUSEHOLDS =
      new MeasureSlots(
          List.of(HOUSEHOLDS_EXPOSED, ADDRESSES_DISCLOSED, HOUSEHOLDS_KNOWN_TO_POLICE),
          List.of(HOUSEHOLDS_EXPOSED));

  static {
    Set<SharingMeasure> counted = EnumSet.noneOf(SharingMeasure.class);
    for (MeasureSlots slots : List.of(COPIES, HOUSEHOLDS)) {
      for (SharingMeasure measure : slots.measures) {
        if (!counted.add(measure)) {
          throw new IllegalStateException(
              "sharing measure " + measure.wireName() + " is counted twice");
        }
      }
    }
    if (counted.size() != SharingMeasure.values().length) {
      Set<SharingMeasure> missing = EnumSet.complementOf(EnumSet.copyOf(counted));
      throw new IllegalStateException("sharing measures nobody counts: " + missing);
    }
  }

  private final List<SharingMeasure> measures;
  private final List<MeasureKey> keys;

  /** By measure ordinal: its whole's slot, or -1 if another processor counts it. */
  private final int[] whole;

  /**
   * By measure ordinal, then holder type ordinal: the part's slot, or null if not broken down here.
   */
  private final int[][] parts;

  private MeasureSlots(List<SharingMeasure> measures, List<SharingMeasure> byHolder) {
    this.measures = List.copyOf(measures);
    this.whole = new int[SharingMeasure.values().length];
    this.parts = new int[SharingMeasure.values().length][];
    Arrays.fill(whole, -1);
    List<MeasureKey> keys = new ArrayList<>();
    for (SharingMeasure measure : measures) {
      whole[measure.ordinal()] = keys.size();
      keys.add(measure.key());
    }
    for (SharingMeasure measure : byHolder) {
      if (!measures.contains(measure) || !measure.byHolderType()) {
        throw new IllegalArgumentException(
            measure.wireName() + " cannot be counted here by holder type");
      }
      parts[measure.ordinal()] = new int[HolderType.values().length];
    }
    for (HolderType holder : HolderType.values()) {
      for (SharingMeasure measure : byHolder) {
        parts[measure.ordinal()][holder.ordinal()] = keys.size();
        keys.add(measure.of(holder));
      }
    }
    for (SharingMeasure measure : measures) {
      if (measure.byHolderType() && !byHolder.contains(measure)) {
        throw new IllegalArgumentException(measure.wireName() + " is written by holder type too");
      }
    }
    this.keys = List.copyOf(keys);
  }

  /** Every key in slot order, as the open days name them. */
  List<String> names() {
    return keys.stream().map(MeasureKey::wireName).toList();
  }

  /** Every key in slot order. */
  List<MeasureKey> keys() {
    return keys;
  }

  /** The slot of a whole measure. */
  int of(SharingMeasure measure) {
    int slot = whole[measure.ordinal()];
    if (slot < 0) {
      throw new IllegalArgumentException(
          "measure '"
              + measure.wireName()
              + "' of "
              + StatsService.SHARING.id()
              + " is counted elsewhere");
    }
    return slot;
  }

  /** The slot of a whole measure or of one of its parts by holder type. */
  int of(MeasureKey key) {
    if (!(key.measure() instanceof SharingMeasure measure)) {
      throw new IllegalArgumentException(
          "measure '" + key + "' is not one of " + StatsService.SHARING.id());
    }
    if (key.holderType() == null) {
      return of(measure);
    }
    int[] byHolder = parts[measure.ordinal()];
    if (byHolder == null) {
      throw new IllegalArgumentException(
          "measure '" + key + "' of " + StatsService.SHARING.id() + " is counted elsewhere");
    }
    return byHolder[key.holderType().ordinal()];
  }
}
