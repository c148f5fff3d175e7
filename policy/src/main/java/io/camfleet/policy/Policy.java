package io.camfleet.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.camfleet.config.YamlConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A retention and sharing policy: how long originals live, what a share does to them, how long
 * copies live, how far police requests may reach, and whether police may forward or learn the
 * address. Read from {@code policies/*.yaml}.
 *
 * <p>{@code forwarding} ({@code none | local-only | any}) replaces the boolean {@code
 * forwardingAllowed}, which old files still give: {@code true} reads as {@code any}, {@code false}
 * as {@code none}; a file giving both must make them agree. {@code forwardingAllowed()} is true
 * unless forwarding is {@code none}.
 */
public record Policy(
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty("description") String description,
    @JsonProperty(value = "retention", required = true) Retention retention,
    @JsonProperty("copies") Copies copies,
    @JsonProperty("requests") RequestCaps requests,
    @JsonProperty("forwardingAllowed") Boolean forwardingAllowed,
    @JsonProperty("addressDisclosed") Boolean addressDisclosed,
    @JsonProperty("forwarding") Forwarding forwarding) {

  @JsonCreator
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
    copies = copies == null ? Copies.KEPT_INDEFINITELY : copies;
    requests = requests == null ? RequestCaps.UNCAPPED : requests;
    if (forwarding == null) {
      forwarding =
          forwardingAllowed == null || forwardingAllowed ? Forwarding.ANY : Forwarding.NONE;
    } else if (forwardingAllowed != null && forwardingAllowed != (forwarding != Forwarding.NONE)) {
      throw new IllegalArgumentException(
          "forwardingAllowed: "
              + forwardingAllowed
              + " disagrees with forwarding: "
              + forwarding.name().toLowerCase(Locale.ROOT).replace('_', '-')
              + "; give forwarding only");
    }
    forwardingAllowed = forwarding != Forwarding.NONE;
    addressDisclosed = addressDisclosed == null || addressDisclosed;
  }

  /** A policy as files before the {@code forwarding} key gave it. */
  public Policy(
      String name,
      String description,
      Retention retention,
      Copies copies,
      RequestCaps requests,
      Boolean forwardingAllowed,
      Boolean addressDisclosed) {
    this(name, description, retention, copies, requests, forwardingAllowed, addressDisclosed, null);
  }

  /** Reads and validates a policy file. */
  public static Policy read(Path file) {
    return YamlConfig.read(file, Policy.class);
  }

  /** The policy's rules as one object, for the services' decisions. */
  public PolicyRules rules() {
    return new PolicyRules(this);
  }
}
