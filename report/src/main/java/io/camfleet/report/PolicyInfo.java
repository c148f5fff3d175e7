package io.camfleet.report;

import java.util.Locale;
import java.util.Objects;

/**
 * A policy compared in a report: its name, its description and the file (with its digest) it came
 * from.
 */
public record PolicyInfo(
    String name, String description, String policyFile, String policyFileSha256) {

  public PolicyInfo {
    name = Checks.nonBlank(name, "policy name");
    description = Objects.requireNonNull(description, "policy description").strip();
    policyFile = Checks.nonBlank(policyFile, "policy file");
    policyFileSha256 =
        Checks.sha256(policyFileSha256, "policy file sha256").toLowerCase(Locale.ROOT);
  }
}
