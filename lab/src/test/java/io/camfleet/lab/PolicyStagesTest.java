package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.dashboard.StageMarks;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.report.StageInfo;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyStagesTest {

  @Test
  void theDashboardMarksEachPolicyOfTheRunInItsReportColourWithItsStages() throws Exception {
    List<Policy> policies =
        Policies.read(
            List.of(
                Path.of("../policies/eu-30-days.yaml"),
                Path.of("../policies/status-quo-2019.yaml")));

    assertEquals(
        List.of(
            new StageMarks(
                "eu-30-days",
                "#0072B2",
                PolicyStages.of(policies.get(0)).stream()
                    .map(s -> new StageMarks.Stage(s.from(), s.label()))
                    .toList()),
            new StageMarks(
                "status-quo-2019",
                "#000000",
                PolicyStages.of(policies.get(1)).stream()
                    .map(s -> new StageMarks.Stage(s.from(), s.label()))
                    .toList())),
        PolicyStages.marks(policies, Optional.empty()));
    assertEquals(
        List.of("#000000", "#0072B2"),
        PolicyStages.marks(policies, Optional.of("eu-30-days")).stream()
            .map(StageMarks::colour)
            .toList());
  }

  @Test
  void aStagedPolicyIsMarkedAtEachStageDateWithItsLabel() {
    Policy staged = Policy.read(Path.of("../policy/src/test/resources/staged-60-to-30.yaml"));
    assertEquals(
        List.of(
            new StageInfo(LocalDate.of(2021, 6, 3), "2021-06-03"),
            new StageInfo(LocalDate.of(2022, 1, 1), "2022-01-01")),
        PolicyStages.of(staged));
  }
}
