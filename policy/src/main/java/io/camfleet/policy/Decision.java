package io.camfleet.policy;

/** What a policy says about one share or onward copy. */
public sealed interface Decision {

  /** The share or copy may happen. */
  record Allowed() implements Decision {}

  /** The policy blocks it, for the stated reason. */
  record Blocked(String reason) implements Decision {}

  Decision ALLOWED = new Allowed();

  default boolean allowed() {
    return this instanceof Allowed;
  }
}
