package io.camfleet.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The top-level help's list of commands, each with the first whole sentence of its description:
 * picocli's own list shows the first line, which stops mid-sentence when a description wraps.
 */
public final class CommandList {
  private CommandList() {}

  /** Replaces the command list section of {@code cli}'s help. */
  public static void install(CommandLine cli) {
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, CommandList::render);
  }

  /** The names of {@code cli}'s commands, without {@code help}. */
  public static List<String> names(CommandLine cli) {
    List<String> names = new ArrayList<>();
    for (String name : cli.getSubcommands().keySet()) {
      if (!name.equals("help")) {
        names.add(name);
      }
    }
    return names;
  }

  private static String render(Help help) {
    Map<String, Help> commands = help.subcommands();
    if (commands.isEmpty()) {
      return "";
    }
    int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
    int indent = width + 4;
    int textWidth = Math.max(40, help.commandSpec().usageMessage().width() - indent);
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Help> entry : commands.entrySet()) {
      String name = entry.getKey();
      out.append("  ").append(name).append(" ".repeat(indent - 2 - name.length()));
      int column = 0;
      for (String word : firstSentence(entry.getValue().commandSpec().usageMessage()).split(" ")) {
        if (column > 0 && column + 1 + word.length() > textWidth) {
          out.append('\n').append(" ".repeat(indent));
          column = 0;
        } else if (column > 0) {
          out.append(' ');
          column++;
        }
        out.append(word);
        column += word.length();
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** The description's first sentence, across as many lines as it takes. */
  static String firstSentence(UsageMessageSpec usage) {
    String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
    String text = String.join(" ", lines).replaceAll("\\s+", " ").strip();
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end + 1);
  }
}
