package io.camfleet.report;

import java.util.List;

/** The seven bundled policies' names, in the order a run lists them. */
final class SevenPolicies {
  static final List<String> NAMES =
      List.of(
          "status-quo-2019",
          "eu-30-days",
          "copies-inherit-expiry",
          "markey-caps-2019",
          "no-forwarding",
          "police-copies-180-days",
          "rfa-2021");

  private SevenPolicies() {}
}
