package io.camfleet.lab;

import io.camfleet.dashboard.StageMarks;
import io.camfleet.policy.Policy;
import io.camfleet.report.Comparison;
import io.camfleet.report.StageInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy's dated stages as the report and the dashboard mark them on their time charts: the one
 * place the lab reads them from the policy.
 */
final class PolicyStages {
  private PolicyStages() {}

  /**
   * The dated stages of {@code policy} in the order they take over, each labelled as the policy
   * labels it (its date); the base rules before the first are not a mark.
   */
  static List<StageInfo> of(Policy policy) {
    return policy.stages().stream().map(stage -> StageInfo.of(stage.date())).toList();
  }

  /**
   * The dashboard's marks of the run's {@code policies} (compared with {@code baseline}): each
   * policy's stages, drawn in the colour the report gives the policy.
   */
  static List<StageMarks> marks(List<Policy> policies, Optional<String> baseline) {
    Map<String, String> colours =
        Comparison.colours(policies.stream().map(Policy::name).toList(), baseline);
    return policies.stream()
        .map(
            policy ->
                new StageMarks(
                    policy.name(),
                    colours.get(policy.name()),
                    of(policy).stream()
                        .map(stage -> new StageMarks.Stage(stage.from(), stage.label()))
                        .toList()))
        .toList();
  }
}
