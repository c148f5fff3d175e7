package io.camfleet.policy;

import io.camfleet.avro.CopyReceiptCause;

/** What a policy says about one share or onward copy. */
public sealed interface Decision {

  /** The share or copy may happen. */
  record Allowed() implements Decision {}

  /** The policy blocks it: the cause, and the reason in words with its figures. */
  record Blocked(CopyReceiptCause cause, String reason) implements Decision {}

  Decision ALLOWED = new Allowed();

  default boolean allowed() {
    return this instanceof Allowed;
  }
}
