package io.camfleet.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.camfleet.config.YamlConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A retention and sharing policy: how long originals live, what a share does to them, how long
 * copies live, how far police requests may reach, and whether police may forward or learn the
 * address. Read from {@code policies/*.yaml}.
 */
public record Policy(
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty("description") String description,
    @JsonProperty(value = "retention", required = true) Retention retention,
    @JsonProperty("copies") Copies copies,
    @JsonProperty("requests") RequestCaps requests,
    @JsonProperty("forwardingAllowed") Boolean forwardingAllowed,
    @JsonProperty("addressDisclosed") Boolean addressDisclosed) {

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
    forwardingAllowed = forwardingAllowed == null || forwardingAllowed;
    addressDisclosed = addressDisclosed == null || addressDisclosed;
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
