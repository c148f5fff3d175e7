package io.camfleet.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether police may pass the footage they received on to other agencies, and to which. */
public enum Forwarding {
  /** Police keep what they receive; no forward is allowed. */
  @JsonProperty("none")
  NONE,
  /** Police may forward to other local agencies, never to federal agencies. */
  @JsonProperty("local-only")
  LOCAL_ONLY,
  /** Police may forward to anyone (the status quo). */
  @JsonProperty("any")
  ANY;

  /** The value as written in a policy file. */
  public String text() {
    return switch (this) {
      case NONE -> "none";
      case LOCAL_ONLY -> "local-only";
      case ANY -> "any";
    };
  }
}
