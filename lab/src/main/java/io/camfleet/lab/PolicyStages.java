package io.camfleet.lab;

import io.camfleet.policy.Policy;
import io.camfleet.report.StageInfo;
import java.util.List;

/**
 * A policy's dated stages as the report and the dashboard mark them on their time charts: the one
 * place the lab reads them from the policy.
 */
final class PolicyStages {
  private PolicyStages() {}

  /**
   * The stages of {@code policy} in the order they take over, each labelled as the policy labels
   * it. Policies carry no dated stages yet ({@code Policy.stages()} brings them), so every policy
   * is one set of rules throughout.
   */
  static List<StageInfo> of(Policy policy) {
    return List.of();
  }
}
