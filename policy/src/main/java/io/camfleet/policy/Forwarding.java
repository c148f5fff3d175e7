package io.camfleet.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whom police may forward footage to: nobody, other agencies but no federal agency, or anyone. */
public enum Forwarding {
  /** Police may not forward footage at all. */
  @JsonProperty("none")
  NONE,
  /** Police may forward to other agencies, never to a federal agency (Chula Vista, Olathe). */
  @JsonProperty("local-only")
  LOCAL_ONLY,
  /** Police may forward to anyone (the status quo). */
  @JsonProperty("any")
  ANY
}
