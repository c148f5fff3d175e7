package io.camfleet.policy;

import io.camfleet.avro.CopyReceiptCause;

/** What a policy says about one share or onward copy. */
public sealed interface Decision {

  /** The share or copy may happen. */
  record Allowed() implements Decision {}

  /** The policy blocks it: the cause, and the reason in words with its figures. */
  record Blocked(CopyReceiptCause cause, String reason) implements Decision {}

  /**
   * Under caps enforced at the portal, the share sends footage the portal never asked for (the
   * request was refused, the owner not emailed, or the clip lies outside the narrowed request): no
   * copy is made, nothing is exempted, and it is not a blocked share. The cause and reason say
   * which cut of the portal left it out.
   */
  record NotRequested(CopyReceiptCause cause, String reason) implements Decision {}

  Decision ALLOWED = new Allowed();

  default boolean allowed() {
    return this instanceof Allowed;
  }
}
