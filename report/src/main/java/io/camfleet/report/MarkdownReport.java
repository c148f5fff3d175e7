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

  static String render(Report report) {
    WorldInfo world = report.world();
    StringBuilder out = new StringBuilder();
    out.append("# camfleet report: ").append(world.name()).append("\n\n");
    out.append(report.policies().size())
        .append(" ")
        .append(report.policies().size() == 1 ? "policy" : "policies")
        .append(" on the same simulated world.\n\n");
    if (!report.trustworthy()) {
      out.append("> **").append(report.integrityWarning()).append("**\n\n");
    }

    out.append("## World\n\n");
    out.append("- name: ").append(world.name()).append('\n');
    out.append("- seed: ").append(world.seed()).append('\n');
    out.append("- cameras: ").append(world.cameras()).append('\n');
    out.append("- days: ").append(world.days()).append('\n');
    out.append("- start: ").append(world.start()).append('\n');
    out.append("- world file: `")
        .append(world.worldFile())
        .append("` (sha256 ")
        .append(world.worldFileSha256())
        .append(")\n");
    if (report.replayedFrom().isPresent()) {
      out.append("- events: ").append(report.replayNote()).append('\n');
    }
    out.append('\n');

    out.append("## Reproduce\n\n");
    out.append("```sh\n").append(reproduceCommand(report)).append("\n```\n\n");
    out.append("camfleet version: ").append(report.camfleetVersion()).append("  \n");
    out.append("Generated from ").append(JsonReport.generatedFrom()).append(".\n\n");

    if (!report.evidence().isEmpty()) {
      out.append("## Evidence\n\n");
      for (EvidenceFile file : report.evidence()) {
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

    out.append("## Results\n\n");
    out.append(
        "Counters count over the whole run; `clipsAliveAtEnd`, `liveBytesAtEnd`, `copiesAliveAtEnd`,"
            + " `copiesByHolderType.*`, `footageAlivePastRetention`, `householdsExposed` and"
            + " `householdsExposedByHolderType.*` are levels at the end of the final day.\n\n");
    for (String line : table(SummaryTable.of(report))) {
      out.append(line).append('\n');
    }
    out.append('\n');

    out.append("## Policies\n");
    for (PolicyReport policy : report.policies()) {
      PolicyInfo info = policy.info();
      out.append("\n### ").append(info.name()).append("\n\n");
      if (!info.description().isEmpty()) {
        out.append(info.description()).append("\n\n");
      }
      out.append("Policy file: `")
          .append(info.policyFile())
          .append("` (sha256 ")
          .append(info.policyFileSha256())
          .append(")\n");
    }
    return out.toString();
  }

  /**
   * The command that runs the same comparison again: the seed is given even when it is the world
   * file's own, since a run may have overridden it; {@code --policy} repeats once per file.
   */
  static String reproduceCommand(Report report) {
    StringBuilder command =
        report.replayedFrom().isPresent()
            ? new StringBuilder("./camfleet run --events ")
                .append(shellWord(report.replayedFrom().get().path()))
            : new StringBuilder("./camfleet run --world ")
                .append(shellWord(report.world().worldFile()))
                .append(" --seed ")
                .append(report.world().seed());
    for (PolicyReport policy : report.policies()) {
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
      row.values().forEach(value -> line.add(Long.toString(value)));
      cells.add(line);
    }
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
    lines.add(line(cells.get(0), widths));
    StringBuilder rule = new StringBuilder("|");
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? " :" + "-".repeat(widths[i] - 1) : " " + "-".repeat(widths[i] - 1) + ":")
          .append(" |");
    }
    lines.add(rule.toString());
    for (List<String> line : cells.subList(1, cells.size())) {
      lines.add(line(line, widths));
    }
    return lines;
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < cells.size(); i++) {
      String padding = " ".repeat(widths[i] - cells.get(i).length());
      line.append(' ')
          .append(i == 0 ? cells.get(i) + padding : padding + cells.get(i))
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
