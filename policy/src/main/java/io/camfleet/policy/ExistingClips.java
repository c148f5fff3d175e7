package io.camfleet.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a dated policy stage does to clips recorded before it: whether a decision about a clip
 * follows the rules in force when the decision is made, or the rules in force when the clip was
 * recorded.
 */
public enum ExistingClips {
  /**
   * Every decision uses the stage in force at the event that triggers it, whenever the clip was
   * recorded: a shortened retention period also shortens the life of clips already recorded.
   */
  @JsonProperty("follow-new-rules")
  FOLLOW_NEW_RULES,
  /** Every decision about a clip uses the stage in force when the clip was recorded. */
  @JsonProperty("keep-old-rules")
  KEEP_OLD_RULES;

  /** The value as written in a policy file. */
  public String text() {
    return this == FOLLOW_NEW_RULES ? "follow-new-rules" : "keep-old-rules";
  }
}
