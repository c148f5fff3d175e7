package io.camfleet.report;

import io.camfleet.avro.HolderType;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A policy compared in a report: its name, its description, the file (with its digest) it came
 * from, and the rules the report can reason about: the lifetime in days the policy gives copies
 * held by each holder type (empty: copies live as long as the rest of the policy lets them), and
 * its dated stages in the order they take over (empty for a policy whose rules never change).
 */
public record PolicyInfo(
    String name,
    String description,
    String policyFile,
    String policyFileSha256,
    Map<HolderType, Integer> copyLifetimeDays,
    List<StageInfo> stages) {

  public PolicyInfo {
    name = Checks.nonBlank(name, "policy name");
    description = Objects.requireNonNull(description, "policy description").strip();
    policyFile = Checks.nonBlank(policyFile, "policy file");
    policyFileSha256 =
        Checks.sha256(policyFileSha256, "policy file sha256").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(copyLifetimeDays, "copy lifetimes");
    EnumMap<HolderType, Integer> lifetimes = new EnumMap<>(HolderType.class);
    for (Map.Entry<HolderType, Integer> lifetime : copyLifetimeDays.entrySet()) {
      if (lifetime.getValue() == null || lifetime.getValue() < 1) {
        throw new IllegalArgumentException(
            "policy '"
                + name
                + "': copy lifetime of "
                + lifetime.getKey()
                + " must be 1 day or more");
      }
      lifetimes.put(lifetime.getKey(), lifetime.getValue());
    }
    copyLifetimeDays = java.util.Collections.unmodifiableMap(lifetimes);
    stages = List.copyOf(Objects.requireNonNull(stages, "stages"));
    for (int i = 1; i < stages.size(); i++) {
      if (!stages.get(i - 1).from().isBefore(stages.get(i).from())) {
        throw new IllegalArgumentException(
            "policy '"
                + name
                + "': stages must start on increasing days, found "
                + stages.get(i - 1).from()
                + " then "
                + stages.get(i).from());
      }
    }
  }

  /** A policy without stages. */
  public PolicyInfo(
      String name,
      String description,
      String policyFile,
      String policyFileSha256,
      Map<HolderType, Integer> copyLifetimeDays) {
    this(name, description, policyFile, policyFileSha256, copyLifetimeDays, List.of());
  }

  /** The same policy with these stages. */
  public PolicyInfo withStages(List<StageInfo> stages) {
    return new PolicyInfo(
        name, description, policyFile, policyFileSha256, copyLifetimeDays, stages);
  }

  /** A policy whose copy lifetimes the report is not told. */
  public PolicyInfo(String name, String description, String policyFile, String policyFileSha256) {
    this(name, description, policyFile, policyFileSha256, Map.of());
  }
}
