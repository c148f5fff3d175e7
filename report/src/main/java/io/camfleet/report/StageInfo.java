package io.camfleet.report;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A dated stage of a policy, as the report shows it: the day its rules take over (from that day's
 * UTC midnight) and its label (the policy module's stage label, the {@code from} date as ISO text,
 * e.g. {@code 2021-06-03}). The rules before a policy's first stage are not a stage here.
 */
public record StageInfo(LocalDate from, String label) {

  public StageInfo {
    Objects.requireNonNull(from, "stage start");
    label = Checks.nonBlank(label, "stage label").strip();
  }

  /** A stage labelled, as the policy module labels stages, by its start date. */
  public static StageInfo of(LocalDate from) {
    return new StageInfo(from, Objects.requireNonNull(from, "stage start").toString());
  }
}
