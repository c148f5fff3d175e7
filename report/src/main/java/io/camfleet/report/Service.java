package io.camfleet.report;

import io.camfleet.schemas.Topics;

/** A service that writes daily statistics, named as in {@code DailyStats.service}. */
public enum Service {
  RETENTION("retention-service", Topics.RETENTION_STATS.name()),
  SHARING("sharing-service", Topics.EXPOSURE_STATS.name());

  private final String id;
  private final String topic;

  Service(String id, String topic) {
    this.id = id;
    this.topic = topic;
  }

  /** The name the service writes into {@code DailyStats.service}. */
  public String id() {
    return id;
  }

  /** The output topic its daily statistics are read from. */
  public String topic() {
    return topic;
  }

  /** The service a {@code DailyStats.service} value names. */
  public static Service ofId(String id) {
    for (Service service : values()) {
      if (service.id.equals(id)) {
        return service;
      }
    }
    throw new IllegalArgumentException(
        "unknown service '" + id + "' in daily stats; expected retention-service or sharing-service");
  }
}
