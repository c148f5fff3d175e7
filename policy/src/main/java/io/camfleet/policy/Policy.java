package io.camfleet.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.camfleet.config.YamlConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A retention and sharing policy: how long originals live, what a share does to them, how long
 * copies live, how far police requests may reach, and whether police may forward or learn the
 * address. Read from {@code policies/*.yaml}.
 *
 * <p>The keys at the top of the file are the base rules. A policy may change over time: each of its
 * dated {@link PolicyStage stages} replaces, from its date on, the sections it names ({@code
 * retention}, {@code copies}, {@code requests}, {@code forwarding}, {@code addressDisclosed}).
 * {@link #existingClips} says what a stage does to clips recorded before it; {@link PolicyRules}
 * applies the rule.
 *
 * @param forwarding whether and to whom police may forward footage; {@code forwardingAllowed} is
 *     the older spelling ({@code true} is {@code any}, {@code false} is {@code none}), still read
 * @param forwardingAllowed whether any forwarding is allowed, derived from {@code forwarding}
 */
public record Policy(
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty("description") String description,
    @JsonProperty("existingClips") ExistingClips existingClips,
    @JsonProperty(value = "retention", required = true) Retention retention,
    @JsonProperty("copies") Copies copies,
    @JsonProperty("requests") RequestCaps requests,
    @JsonProperty("forwarding") Forwarding forwarding,
    @JsonProperty("forwardingAllowed") Boolean forwardingAllowed,
    @JsonProperty("addressDisclosed") Boolean addressDisclosed,
    @JsonProperty("stages") List<PolicyStage> stages) {

  public Policy {
    Objects.requireNonNull(name, "name is required");
    if (!name.matches("[a-z0-9][a-z0-9.-]{0,60}")) {
      throw new IllegalArgumentException(
          "name must be lower-case letters, digits, '-' or '.', at most 61 characters, not '"
              + name
              + "'");
    }
    Objects.requireNonNull(retention, "retention is required");
    description = description == null ? "" : description.strip();
    existingClips = existingClips == null ? ExistingClips.FOLLOW_NEW_RULES : existingClips;
    copies = copies == null ? Copies.KEPT_INDEFINITELY : copies;
    requests = requests == null ? RequestCaps.UNCAPPED : requests;
    if (forwarding != null
        && forwardingAllowed != null
        && forwardingAllowed != (forwarding == Forwarding.ANY)) {
      throw new IllegalArgumentException(
          "forwardingAllowed: "
              + forwardingAllowed
              + " disagrees with forwarding: "
              + forwarding.text()
              + "; give forwarding only");
    }
    if (forwarding == null) {
      forwarding =
          forwardingAllowed == null || forwardingAllowed ? Forwarding.ANY : Forwarding.NONE;
    }
    forwardingAllowed = forwarding != Forwarding.NONE;
    addressDisclosed = addressDisclosed == null || addressDisclosed;
    stages = stages == null ? List.of() : List.copyOf(stages);
    checkStages(stages, existingClips, retention);
  }

  /** A policy without stages, in the older form (forwarding given as allowed or not). */
  public Policy(
      String name,
      String description,
      Retention retention,
      Copies copies,
      RequestCaps requests,
      Boolean forwardingAllowed,
      Boolean addressDisclosed) {
    this(
        name,
        description,
        null,
        retention,
        copies,
        requests,
        null,
        forwardingAllowed,
        addressDisclosed,
        null);
  }

  private static void checkStages(
      List<PolicyStage> stages, ExistingClips existingClips, Retention base) {
    for (int i = 0; i < stages.size(); i++) {
      PolicyStage stage = stages.get(i);
      if (i > 0 && !stage.date().isAfter(stages.get(i - 1).date())) {
        throw new IllegalArgumentException(
            "stages.#"
                + i
                + ".from: must be after the stage before it ("
                + stages.get(i - 1).from()
                + "), not "
                + stage.from());
      }
      if (existingClips == ExistingClips.FOLLOW_NEW_RULES
          && stage.retention() != null
          && stage.retention().sharedOriginals() != base.sharedOriginals()) {
        throw new IllegalArgumentException(
            "stages.#"
                + i
                + ".retention: changes sharedOriginals ("
                + text(base.sharedOriginals())
                + " to "
                + text(stage.retention().sharedOriginals())
                + "), which existingClips: follow-new-rules cannot apply (an exemption is decided"
                + " once, at the share); use existingClips: keep-old-rules or keep sharedOriginals");
      }
    }
  }

  private static String text(Retention.SharedOriginals value) {
    return value == Retention.SharedOriginals.EXEMPT ? "exempt" : "expire-on-time";
  }

  /** Reads and validates a policy file. */
  public static Policy read(Path file) {
    return YamlConfig.read(file, Policy.class);
  }

  /**
   * The rules in force over time: the base rules, then one entry per stage, in date order; the
   * first starts at {@link Long#MIN_VALUE}.
   */
  public List<RulesInForce> inForce() {
    List<RulesInForce> all = new ArrayList<>(stages.size() + 1);
    RulesInForce rules =
        new RulesInForce(
            RulesInForce.BASE,
            Long.MIN_VALUE,
            retention,
            copies,
            requests,
            forwarding,
            addressDisclosed);
    all.add(rules);
    for (PolicyStage stage : stages) {
      rules = rules.then(stage);
      all.add(rules);
    }
    return List.copyOf(all);
  }

  /** The policy's rules as one object, for the services' decisions. */
  public PolicyRules rules() {
    return new PolicyRules(this);
  }
}
