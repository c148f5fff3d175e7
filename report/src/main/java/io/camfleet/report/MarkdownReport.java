package io.camfleet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders report.md, meant to be read in a terminal: world, how to reproduce, the table, the
 * policies.
 */
final class MarkdownReport {
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+-]+");

  private MarkdownReport() {}

  static String render(Comparison comparison) {
    return render(comparison, TableSection.of(comparison));
  }

  /** The report with these tables of the vocabulary after the differences. */
  static String render(Comparison comparison, List<TableSection> tables) {
    WorldInfo world = comparison.world();
    int policies = comparison.policies().size();
    StringBuilder out = new StringBuilder();
    out.append("# camfleet report: ").append(world.name()).append("\n\n");
    out.append(policies)
        .append(policies == 1 ? " policy" : " policies")
        .append(" on the same simulated world, ")
        .append(comparison.n() == 1 ? "seed " : comparison.n() + " seeds (")
        .append(Words.seeds(comparison))
        .append(comparison.n() == 1 ? ".\n" : ").\n")
        .append(Words.baseline(comparison))
        .append("\n")
        .append(Words.method(comparison))
        .append("\n\n");
    if (!comparison.trustworthy()) {
      out.append("> **").append(comparison.integrityWarning()).append("**\n\n");
    }

    findings(out, comparison);
    differences(out, comparison);
    for (TableSection section : tables) {
      out.append("## ").append(section.title()).append("\n\n");
      out.append(section.description())
          .append(comparison.n() == 1 ? "" : " Means over the seeds.")
          .append(" A row after a dot is a cause of the total above it.\n\n");
      section.markdown().forEach(line -> out.append(line).append('\n'));
      out.append('\n');
    }

    out.append("## Results\n\n");
    out.append(
        comparison.n() == 1
            ? "The final figures of each policy, "
            : "The mean over the seeds of each policy's final figures, ");
    out.append(
        "by measure (see Measures for each one's meaning and unit); counters count over the"
            + " whole run, levels are as at the end of the final day.\n\n");
    for (String line : table(SummaryTable.of(comparison))) {
      out.append(line).append('\n');
    }
    out.append('\n');

    measures(out);

    out.append("## World\n\n");
    out.append("- name: ").append(world.name()).append('\n');
    out.append(comparison.n() == 1 ? "- seed: " : "- seeds: ")
        .append(Words.seeds(comparison))
        .append('\n');
    out.append("- cameras: ").append(world.cameras()).append('\n');
    out.append("- days: ").append(world.days()).append('\n');
    out.append("- start: ").append(world.start()).append('\n');
    out.append("- world file: `")
        .append(world.worldFile())
        .append("` (sha256 ")
        .append(world.worldFileSha256())
        .append(")\n");
    if (comparison.replayedFrom().isPresent()) {
      out.append("- events: ").append(comparison.replayNote()).append('\n');
    }
    out.append('\n');

    out.append("## Reproduce\n\n");
    out.append("```sh\n").append(reproduceCommand(comparison)).append("\n```\n\n");
    out.append("camfleet version: ").append(comparison.camfleetVersion()).append("  \n");
    out.append("Generated from ").append(JsonReport.generatedFrom()).append(".\n\n");

    if (!comparison.evidence().isEmpty()) {
      out.append("## Evidence\n\n");
      for (EvidenceFile file : comparison.evidence()) {
        out.append("- `")
            .append(file.path())
            .append("`: ")
            .append(file.records())
            .append(" records, sha256 ")
            .append(file.sha256())
            .append('\n');
      }
      out.append('\n');
    }

    out.append("## Policies\n");
    for (PolicyInfo info : comparison.policies()) {
      out.append("\n### ").append(info.name());
      if (info.name().equals(comparison.baseline())) {
        out.append(" (baseline)");
      }
      out.append("\n\n");
      if (!info.description().isEmpty()) {
        out.append(info.description()).append("\n\n");
      }
      if (!info.stages().isEmpty()) {
        out.append(Words.stages(info)).append("\n\n");
      }
      out.append("Policy file: `")
          .append(info.policyFile())
          .append("` (sha256 ")
          .append(info.policyFileSha256())
          .append(")\n");
    }
    return out.toString();
  }

  private static void findings(StringBuilder out, Comparison comparison) {
    out.append("## Main findings\n\n");
    if (comparison.policies().size() == 1) {
      out.append("One policy: nothing to compare it with.\n\n");
      return;
    }
    out.append(Words.findingsIntro(comparison)).append("\n\n");
    for (Words.Line line : Words.findings(comparison)) {
      out.append("- ").append(line.text()).append('\n');
    }
    out.append('\n');
  }

  private static void differences(StringBuilder out, Comparison comparison) {
    if (comparison.policies().size() == 1) {
      return;
    }
    out.append("## Differences from the baseline\n\n")
        .append("Each policy against ")
        .append(comparison.baseline())
        .append(
            comparison.n() == 1
                ? " in the same seed; one seed gives no interval (n/a)."
                : ", seed by seed; the mean difference, its 95% interval, and the relative change.")
        .append("\n");
    for (PolicyInfo policy : comparison.policies()) {
      String name = policy.name();
      if (name.equals(comparison.baseline())) {
        continue;
      }
      out.append("\n### ").append(name).append(" against ").append(comparison.baseline());
      out.append("\n\n");
      if (comparison.noEffect(name)) {
        out.append(Words.noEffect(comparison, name)).append("\n");
        continue;
      }
      List<List<String>> cells = new ArrayList<>();
      cells.add(
          List.of(
              "measure",
              "unit",
              cell(comparison.baseline()),
              cell(name),
              "difference",
              "95% CI",
              "relative",
              "relative 95% CI"));
      List<String> same = new ArrayList<>();
      for (ReportKey key : ReportKey.ALL) {
        if (!key.whole()) {
          continue;
        }
        Difference d = comparison.vsBaseline(name, key).orElseThrow();
        if (d.none()) {
          same.add(key.label());
          continue;
        }
        cells.add(
            List.of(
                key.label(),
                Words.unit(key),
                Words.value(key, d.baselineMean()),
                Words.value(key, comparison.summary(name, key).mean()),
                Words.signed(key, d.diff().mean()),
                Words.interval(key, d.diff(), true),
                d.hasRelative() ? Words.percent(d.relative()) : "n/a",
                Words.relativeInterval(d)));
      }
      for (String line : aligned(cells, 2)) {
        out.append(line).append('\n');
      }
      if (!same.isEmpty()) {
        out.append(
                comparison.n() == 1
                    ? "\nThe same as the baseline: "
                    : "\nThe same as the baseline in every seed: ")
            .append(String.join(", ", same))
            .append(".\n");
      }
    }
    out.append('\n');
  }

  private static void measures(StringBuilder out) {
    out.append("## Measures\n\n")
        .append(
            "Each measure by its key in report.json and report.csv: what a person calls it, its unit,"
                + " its kind (a counter counts over the whole run; a level is what exists at the end"
                + " of the final day), the service that computes it, and what it counts.\n\n");
    for (Figure figure : Figure.ALL) {
      io.camfleet.schemas.stats.StatsMeasure measure =
          figure instanceof Measure m ? m.source() : ((HolderBreakdown) figure).source();
      out.append("- `")
          .append(figure.field())
          .append(figure instanceof HolderBreakdown ? ".<HOLDER_TYPE>" : "")
          .append("`: **")
          .append(measure.label())
          .append(figure instanceof HolderBreakdown ? ", by holder type" : "")
          .append("** (")
          .append(measure.unit().word())
          .append(", ")
          .append(measure.kind().word())
          .append(", ")
          .append(measure.service().id())
          .append("). ")
          .append(measure.definition())
          .append('\n');
    }
    out.append('\n');
  }

  /**
   * The command that runs the same comparison again: the seed is given even when it is the world
   * file's own, since a run may have overridden it; {@code --policy} repeats once per file.
   */
  static String reproduceCommand(Comparison comparison) {
    StringBuilder command =
        comparison.replayedFrom().isPresent()
            ? new StringBuilder("./camfleet run --events ")
                .append(shellWord(comparison.replayedFrom().get().path()))
            : new StringBuilder("./camfleet run --world ")
                .append(shellWord(comparison.world().worldFile()));
    if (comparison.replayedFrom().isPresent()) {
      // the event log carries its world and seed
    } else if (comparison.n() == 1) {
      command.append(" --seed ").append(comparison.seeds().get(0));
    } else {
      command.append(" --seed-list ").append(Words.seeds(comparison).replace(", ", ","));
    }
    if (comparison.baselineChoice() == Comparison.BaselineChoice.GIVEN) {
      command.append(" --baseline ").append(shellWord(comparison.baseline()));
    }
    for (PolicyReport policy : comparison.runs().get(0).report().policies()) {
      command.append(" --policy ").append(shellWord(policy.info().policyFile()));
    }
    return command.toString();
  }

  /**
   * The summary table with aligned columns: figures as rows under their group's title, policies as
   * columns.
   */
  static List<String> table(SummaryTable table) {
    List<List<String>> cells = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("measure");
    table.policies().forEach(name -> header.add(cell(name)));
    cells.add(header);
    Figure.Group group = null;
    for (SummaryTable.Row row : table.rows()) {
      if (row.group() != group) {
        group = row.group();
        List<String> title = new ArrayList<>();
        title.add("**" + group.title() + "**");
        table.policies().forEach(name -> title.add(""));
        cells.add(title);
      }
      List<String> line = new ArrayList<>();
      line.add(row.measure());
      row.values().forEach(line::add);
      cells.add(line);
    }
    return aligned(cells, 1);
  }

  /**
   * A Markdown table with aligned columns: the first row is the header; the first {@code left}
   * columns are aligned left, the others right.
   */
  static List<String> aligned(List<List<String>> cells, int left) {
    List<String> header = cells.get(0);
    int[] widths = new int[header.size()];
    for (List<String> line : cells) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    for (int i = 0; i < widths.length; i++) {
      widths[i] = Math.max(widths[i], 3);
    }
    List<String> lines = new ArrayList<>();
    lines.add(line(cells.get(0), widths, left));
    StringBuilder rule = new StringBuilder("|");
    for (int i = 0; i < widths.length; i++) {
      rule.append(
              i < left ? " :" + "-".repeat(widths[i] - 1) : " " + "-".repeat(widths[i] - 1) + ":")
          .append(" |");
    }
    lines.add(rule.toString());
    for (List<String> line : cells.subList(1, cells.size())) {
      lines.add(line(line, widths, left));
    }
    return lines;
  }

  private static String line(List<String> cells, int[] widths, int left) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < cells.size(); i++) {
      String padding = " ".repeat(widths[i] - cells.get(i).length());
      line.append(' ')
          .append(i < left ? cells.get(i) + padding : padding + cells.get(i))
          .append(" |");
    }
    return line.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  private static String shellWord(String word) {
    return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
