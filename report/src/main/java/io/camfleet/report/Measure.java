package io.camfleet.report;

/** A final figure that is one number, read from one service measure on the final day. */
public enum Measure implements Figure {
  CLIPS_RECORDED("clipsRecorded", Group.FOOTAGE, Service.RETENTION, "clipsRecorded"),
  CLIPS_EXPIRED("clipsExpired", Group.FOOTAGE, Service.RETENTION, "clipsExpired"),
  CLIPS_EXEMPT_BY_SHARE("clipsExemptByShare", Group.FOOTAGE, Service.RETENTION, "clipsExemptByShare"),
  CLIPS_ALIVE_AT_END("clipsAliveAtEnd", Group.FOOTAGE, Service.RETENTION, "clipsAlive"),
  LIVE_BYTES_AT_END("liveBytesAtEnd", Group.FOOTAGE, Service.RETENTION, "liveBytes"),
  FOOTAGE_ALIVE_PAST_RETENTION("footageAlivePastRetention", Group.FOOTAGE, Service.SHARING, "footageAlivePastRetention"),
  COPIES_CREATED("copiesCreated", Group.COPIES, Service.SHARING, "copiesCreated"),
  COPIES_EXPIRED("copiesExpired", Group.COPIES, Service.SHARING, "copiesExpired"),
  COPIES_ALIVE_AT_END("copiesAliveAtEnd", Group.COPIES, Service.SHARING, "copiesAlive"),
  REQUESTS("requests", Group.REQUESTS, Service.SHARING, "requests"),
  NOTIFICATIONS("notifications", Group.REQUESTS, Service.SHARING, "notifications"),
  ANSWERS_SHARED("answersShared", Group.REQUESTS, Service.SHARING, "answersShared"),
  SHARES_VIA_REQUEST("sharesViaRequest", Group.REQUESTS, Service.SHARING, "sharesViaRequest"),
  DECLINED("declined", Group.REQUESTS, Service.SHARING, "declined"),
  IGNORED("ignored", Group.REQUESTS, Service.SHARING, "ignored"),
  SHARES_VIA_POST("sharesViaPost", Group.REQUESTS, Service.SHARING, "sharesViaPost"),
  SHARES_BLOCKED_BY_POLICY("sharesBlockedByPolicy", Group.REQUESTS, Service.SHARING, "sharesBlockedByPolicy"),
  SHARES_REFUSED_EXPIRED("sharesRefusedExpired", Group.REQUESTS, Service.SHARING, "sharesRefusedExpired"),
  FORWARDS_BLOCKED("forwardsBlocked", Group.REQUESTS, Service.SHARING, "forwardsBlocked"),
  SHARES_RECORDED("sharesRecorded", Group.RETENTION_RECEIPTS, Service.RETENTION, "sharesRecorded"),
  SHARES_REFUSED("sharesRefused", Group.RETENTION_RECEIPTS, Service.RETENTION, "sharesRefused"),
  HOLDS_PLACED("holdsPlaced", Group.RETENTION_RECEIPTS, Service.RETENTION, "holdsPlaced"),
  EXPIRY_HELD("expiryHeld", Group.RETENTION_RECEIPTS, Service.RETENTION, "expiryHeld"),
  HOLDS_RELEASED("holdsReleased", Group.RETENTION_RECEIPTS, Service.RETENTION, "holdsReleased"),
  HOUSEHOLDS_EXPOSED("householdsExposed", Group.EXPOSURE, Service.SHARING, "householdsExposed"),
  ADDRESSES_DISCLOSED("addressesDisclosed", Group.EXPOSURE, Service.SHARING, "addressesDisclosed");

  private final String field;
  private final Group group;
  private final Service service;
  private final String source;

  Measure(String field, Group group, Service service, String source) {
    this.field = field;
    this.group = group;
    this.service = service;
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
  public Service service() {
    return service;
  }

  /** The key in that record's {@code measures}. */
  public String source() {
    return source;
  }
}
