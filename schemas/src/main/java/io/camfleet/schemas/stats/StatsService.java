package io.camfleet.schemas.stats;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.HolderType;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A service that writes daily statistics, and the measures it writes. */
public enum StatsService {
  RETENTION("retention-service", Topics.RETENTION_STATS),
  SHARING("sharing-service", Topics.EXPOSURE_STATS);

  private final String id;
  private final Topic<String, DailyStats> topic;

  StatsService(String id, Topic<String, DailyStats> topic) {
    this.id = id;
    this.topic = topic;
  }

  /** The service's name, as written into {@code DailyStats.service}. */
  public String id() {
    return id;
  }

  /** The catalog topic its daily statistics go to (its flat JSON twin is {@link Topics#jsonOf}). */
  public Topic<String, DailyStats> topic() {
    return topic;
  }

  /** Its measures, in declaration order. */
  public List<StatsMeasure> measures() {
    return Catalog.MEASURES.get(this);
  }

  /**
   * Every key it writes into {@code DailyStats.measures}: each measure, followed by its parts by
   * holder type.
   */
  public List<MeasureKey> keys() {
    return Catalog.KEYS.get(this);
  }

  /** The measure with this wire name. */
  public StatsMeasure measure(String wireName) {
    for (StatsMeasure measure : measures()) {
      if (measure.wireName().equals(wireName)) {
        return measure;
      }
    }
    throw new IllegalArgumentException(
        "unknown measure '"
            + wireName
            + "' of "
            + id
            + "; known: "
            + measures().stream().map(StatsMeasure::wireName).collect(Collectors.joining(", ")));
  }

  /**
   * The key of a whole measure ({@code copiesAlive}) or of one of its parts ({@code
   * copiesAlive.PUBLIC}).
   */
  public MeasureKey key(String wireName) {
    int dot = wireName.lastIndexOf(MeasureKey.SEPARATOR);
    if (dot < 0) {
      return MeasureKey.of(measure(wireName));
    }
    StatsMeasure measure = measure(wireName.substring(0, dot));
    String holder = wireName.substring(dot + 1);
    for (HolderType type : HolderType.values()) {
      if (type.name().equals(holder)) {
        return MeasureKey.byHolder(measure, type);
      }
    }
    throw new IllegalArgumentException(
        "unknown holder type '"
            + holder
            + "' in measure '"
            + wireName
            + "' of "
            + id
            + "; known: "
            + Arrays.stream(HolderType.values()).map(Enum::name).collect(Collectors.joining(", ")));
  }

  /** The service a {@code DailyStats.service} value names. */
  public static StatsService ofId(String id) {
    for (StatsService service : values()) {
      if (service.id.equals(id)) {
        return service;
      }
    }
    List<String> ids = Arrays.stream(values()).map(StatsService::id).toList();
    throw new IllegalArgumentException(
        "unknown service '"
            + id
            + "' in daily stats; expected "
            + String.join(", ", ids.subList(0, ids.size() - 1))
            + " or "
            + ids.get(ids.size() - 1));
  }

  /** Built on first use, once both measure enums exist. */
  private static final class Catalog {
    static final Map<StatsService, List<StatsMeasure>> MEASURES = new LinkedHashMap<>();
    static final Map<StatsService, List<MeasureKey>> KEYS = new LinkedHashMap<>();

    static {
      MEASURES.put(RETENTION, List.of(RetentionMeasure.values()));
      MEASURES.put(SHARING, List.of(SharingMeasure.values()));
      MEASURES.forEach(
          (service, measures) -> {
            List<MeasureKey> keys = new ArrayList<>();
            for (StatsMeasure measure : measures) {
              keys.add(MeasureKey.of(measure));
              if (measure.byHolderType()) {
                for (HolderType holder : HolderType.values()) {
                  keys.add(MeasureKey.byHolder(measure, holder));
                }
              }
            }
            KEYS.put(service, List.copyOf(keys));
          });
    }
  }
}
