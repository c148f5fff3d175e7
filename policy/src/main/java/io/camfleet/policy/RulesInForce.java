package io.camfleet.policy;

import java.util.Objects;

/**
 * The rules of one policy in force from one instant on: the policy's own keys before its first
 * stage ({@link #BASE}), or those keys as each stage in turn replaced them.
 *
 * @param label {@link #BASE}, or the stage's date as ISO text ({@code 2021-06-03}): receipts and
 *     ledger entries name the stage that decided them by it
 * @param from when these rules come into force, epoch milliseconds; {@link Long#MIN_VALUE} for the
 *     base rules
 */
public record RulesInForce(
    String label,
    long from,
    Retention retention,
    Copies copies,
    RequestCaps requests,
    Forwarding forwarding,
    boolean addressDisclosed) {

  /** The label of the rules before a policy's first stage. */
  public static final String BASE = "base";

  public RulesInForce {
    Objects.requireNonNull(label);
    Objects.requireNonNull(retention);
    Objects.requireNonNull(copies);
    Objects.requireNonNull(requests);
    Objects.requireNonNull(forwarding);
  }

  /** These rules as a stage replaces the sections it names. */
  RulesInForce then(PolicyStage stage) {
    return new RulesInForce(
        stage.from(),
        stage.startsAt(),
        stage.retention() != null ? stage.retention() : retention,
        stage.copies() != null ? stage.copies() : copies,
        stage.requests() != null ? stage.requests() : requests,
        stage.forwarding() != null ? stage.forwarding() : forwarding,
        stage.addressDisclosed() != null ? stage.addressDisclosed() : addressDisclosed);
  }
}
