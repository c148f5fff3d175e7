package io.camfleet.sharing.topology;

import io.camfleet.avro.HolderType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of the measures the sharing service writes into {@code DailyStats.measures}. Counters
 * are cumulative; the levels ({@code copiesAlive*}, {@code householdsExposed*},
 * {@code footageAlivePastRetention}) are sums of +1/-1 changes.
 */
public final class SharingMeasures {
  public static final String REQUESTS = "requests";
  public static final String NOTIFICATIONS = "notifications";
  public static final String ANSWERS_SHARED = "answersShared";
  public static final String DECLINED = "declined";
  public static final String IGNORED = "ignored";
  public static final String SHARES_VIA_REQUEST = "sharesViaRequest";
  public static final String SHARES_VIA_POST = "sharesViaPost";
  public static final String SHARES_BLOCKED_BY_POLICY = "sharesBlockedByPolicy";
  public static final String FORWARDS_BLOCKED = "forwardsBlocked";
  public static final String SHARES_REFUSED_EXPIRED = "sharesRefusedExpired";
  public static final String COPIES_CREATED = "copiesCreated";
  public static final String COPIES_EXPIRED = "copiesExpired";
  public static final String COPIES_ALIVE = "copiesAlive";
  public static final String FOOTAGE_ALIVE_PAST_RETENTION = "footageAlivePastRetention";
  public static final String HOUSEHOLDS_EXPOSED = "householdsExposed";
  public static final String ADDRESSES_DISCLOSED = "addressesDisclosed";

  /** Measures counted where the copies live: on the world-events partition of the clip's camera. */
  public static final List<String> COPY_MEASURES;

  /** Measures counted per household, after the repartition by household. */
  public static final List<String> HOUSEHOLD_MEASURES;

  static {
    List<String> copies =
        new ArrayList<>(
            List.of(
                REQUESTS, NOTIFICATIONS, ANSWERS_SHARED, DECLINED, IGNORED,
                SHARES_VIA_REQUEST, SHARES_VIA_POST, SHARES_BLOCKED_BY_POLICY, FORWARDS_BLOCKED,
                SHARES_REFUSED_EXPIRED, COPIES_CREATED, COPIES_EXPIRED, COPIES_ALIVE,
                FOOTAGE_ALIVE_PAST_RETENTION));
    List<String> households = new ArrayList<>(List.of(HOUSEHOLDS_EXPOSED, ADDRESSES_DISCLOSED));
    for (HolderType holder : HolderType.values()) {
      copies.add(byHolder(COPIES_ALIVE, holder));
      copies.add(byHolder(COPIES_CREATED, holder));
      households.add(byHolder(HOUSEHOLDS_EXPOSED, holder));
    }
    COPY_MEASURES = List.copyOf(copies);
    HOUSEHOLD_MEASURES = List.copyOf(households);
  }

  private SharingMeasures() {}

  /** The per-holder-type variant of a measure, e.g. {@code copiesAlive.FEDERAL_AGENCY}. */
  public static String byHolder(String measure, HolderType holder) {
    return measure + "." + holder.name();
  }

  /** Every measure name, copy measures first. */
  public static List<String> all() {
    List<String> all = new ArrayList<>(COPY_MEASURES);
    all.addAll(HOUSEHOLD_MEASURES);
    return List.copyOf(all);
  }

  /** Positions of measure names in one of the lists above, for {@code DailyDeltas.add}. */
  static Map<String, Integer> indexOf(List<String> measures) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < measures.size(); i++) {
      index.put(measures.get(i), i);
    }
    return Map.copyOf(index);
  }
}
