package io.camfleet.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One dated stage of a policy, as its file writes it: from its date (midnight UTC) on, the sections
 * it names replace those of the stage before; the sections it does not name carry over. A named
 * section replaces the earlier one whole: keys it leaves out take their defaults, not the earlier
 * values.
 *
 * @param from the first day the stage is in force, as {@code YYYY-MM-DD}; also its label
 */
public record PolicyStage(
    @JsonProperty(value = "from", required = true) String from,
    @JsonProperty("retention") Retention retention,
    @JsonProperty("copies") Copies copies,
    @JsonProperty("requests") RequestCaps requests,
    @JsonProperty("forwarding") Forwarding forwarding,
    @JsonProperty("addressDisclosed") Boolean addressDisclosed) {

  public PolicyStage {
    Objects.requireNonNull(from, "from is required");
    from = from.strip();
    try {
      LocalDate.parse(from);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "from: '" + from + "' is not a valid date; expected YYYY-MM-DD, e.g. 2021-06-03");
    }
    if (retention == null
        && copies == null
        && requests == null
        && forwarding == null
        && addressDisclosed == null) {
      throw new IllegalArgumentException(
          "from: the stage changes nothing; name at least one of retention, copies, requests,"
              + " forwarding, addressDisclosed");
    }
  }

  /** The first day the stage is in force. */
  public LocalDate date() {
    return LocalDate.parse(from);
  }

  /** When the stage comes into force: midnight UTC of its date, epoch milliseconds. */
  public long startsAt() {
    return date().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
