package io.camfleet.config;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML file's node tree, which knows where each key is written. A path is a list of segments: a
 * key, {@code #i} for the i-th item of a list, or the {@code id} of a list item.
 */
final class YamlTree {
  private final Path file;
  private final Node root;

  private YamlTree(Path file, Node root) {
    this.file = file;
    this.root = root;
  }

  /** Parses the text; a syntax error is a {@link ConfigException} at its line and column. */
  static YamlTree parse(Path file, byte[] yaml) {
    try {
      Node root =
          new Yaml(new LoaderOptions())
              .compose(new StringReader(new String(yaml, StandardCharsets.UTF_8)));
      return new YamlTree(file, root);
    } catch (MarkedYAMLException e) {
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      // a key missing its ':' is noticed lines later; the key itself is where the scan started
      boolean atContext =
          e.getProblemMark() == null
              || (String.valueOf(problem).startsWith("could not find expected ':'")
                  && e.getContextMark() != null);
      Mark at = atContext ? e.getContextMark() : e.getProblemMark();
      throw new ConfigException(
          file,
          at == null ? 0 : at.getLine() + 1,
          at == null ? 0 : at.getColumn() + 1,
          null,
          "not valid YAML: " + inPlainWords(oneLine(problem)));
    } catch (YAMLException e) {
      throw new ConfigException(file, 0, 0, null, "not valid YAML: " + oneLine(e.getMessage()));
    }
  }

  /** The document's top node, or null when the file holds nothing but comments or a null. */
  Node root() {
    return root == null || isNull(root) ? null : root;
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  /**
   * {@code yaml} with the single value written at each dotted path of {@code values} replaced by
   * the given text, every other byte as it was (so errors keep their lines); a path that is not in
   * the file, or that names a section or a list, is a {@link ConfigException} naming it.
   */
  byte[] withValues(byte[] yaml, Map<String, String> values) {
    String text = new String(yaml, StandardCharsets.UTF_8);
    TreeMap<Integer, int[]> spans = new TreeMap<>(Comparator.reverseOrder());
    Map<Integer, String> replacements = new HashMap<>();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      String key = entry.getKey();
      Node value = valueAt(List.of(key.split("\\.", -1)));
      if (value == null) {
        throw new ConfigException(file, 0, 0, key, "no such key in the file");
      }
      if (!(value instanceof ScalarNode) || isNull(value)) {
        throw error(
            place(value, key),
            "not a single value but "
                + (value instanceof MappingNode
                    ? "a section of keys"
                    : value instanceof SequenceNode ? "a list" : "empty"));
      }
      String replacement = entry.getValue();
      if (replacement.isEmpty() || replacement.chars().anyMatch(c -> c == '\n' || c == '\r')) {
        throw error(place(value, key), "an empty or multi-line value cannot replace it");
      }
      int start = value.getStartMark().getIndex();
      spans.put(start, new int[] {start, value.getEndMark().getIndex()});
      replacements.put(start, replacement);
    }
    StringBuilder edited = new StringBuilder(text);
    for (Map.Entry<Integer, int[]> span : spans.entrySet()) {
      int[] at = span.getValue();
      edited.replace(
          edited.offsetByCodePoints(0, at[0]),
          edited.offsetByCodePoints(0, at[1]),
          replacements.get(span.getKey()));
    }
    return edited.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Where {@code path} is written, or null when some segment of it is not in the file. */
  Place find(List<String> path) {
    Found found = walk(path, true);
    return found == null ? null : found.place();
  }

  /** The value written at {@code path}, or null when it is not in the file. */
  Node valueAt(List<String> path) {
    Found found = walk(path, true);
    return found == null ? null : found.value();
  }

  /**
   * Where the deepest written part of {@code path} is: the key of the section holding the problem.
   */
  Place nearest(List<String> path) {
    Found found = walk(path, false);
    return found == null ? new Place(0, 0, null) : found.place();
  }

  private record Found(Place place, Node value) {}

  private Found walk(List<String> path, boolean exact) {
    if (root() == null) {
      return null;
    }
    Node node = root;
    Place at = place(root, "");
    for (String segment : path) {
      Node next = null;
      if (node instanceof MappingNode mapping) {
        for (NodeTuple tuple : mapping.getValue()) {
          if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(segment)) {
            at = place(key, join(at.field(), segment));
            next = tuple.getValueNode();
          }
        }
      } else if (node instanceof SequenceNode sequence) {
        List<Node> items = sequence.getValue();
        int index = -1;
        if (segment.matches("#\\d{1,9}")) {
          index = Integer.parseInt(segment.substring(1));
        } else {
          // the last item with this id, so that a repeated id is found where it is repeated
          for (int i = 0; i < items.size(); i++) {
            if (segment.equals(idOf(items.get(i)))) {
              index = i;
            }
          }
        }
        if (index >= 0 && index < items.size()) {
          next = items.get(index);
          at = place(next, item(at.field(), next, index));
        }
      }
      if (next == null) {
        return exact ? null : new Found(at, node);
      }
      node = next;
    }
    return new Found(at, node);
  }

  /** How a list item appears in a field path: by its id when it has one, else by its index. */
  static String item(String parent, Node item, int index) {
    String id = idOf(item);
    return id != null ? join(parent, id) : parent + "[" + index + "]";
  }

  static String join(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  private static String idOf(Node item) {
    if (item instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key
            && key.getValue().equals("id")
            && tuple.getValueNode() instanceof ScalarNode id
            && !isNull(id)) {
          return id.getValue();
        }
      }
    }
    return null;
  }

  static Place place(Node node, String field) {
    Mark mark = node.getStartMark();
    return new Place(mark.getLine() + 1, mark.getColumn() + 1, field);
  }

  /**
   * The commonest syntax errors in the terms of someone editing the file; others as the parser
   * words them.
   */
  private static String inPlainWords(String problem) {
    if (problem.contains("\\t(TAB)")) {
      return "a tab where only spaces may indent";
    }
    if (problem.startsWith("mapping values are not allowed here")) {
      return "a ': ' where no key can start (quote a value that holds ': ')";
    }
    if (problem.startsWith("expected <block end>")) {
      return "this line's indentation does not line up with the lines above";
    }
    if (problem.startsWith("but found another document")) {
      return "a second document after '---'; the file must hold one";
    }
    if (problem.startsWith("could not find expected ':'")) {
      return "a key without its ':'";
    }
    return problem;
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  ConfigException error(Place at, String problem) {
    return new ConfigException(file, at.line(), at.column(), at.field(), problem);
  }

  /** A 1-based line and column in the file, and the dotted path of the field written there. */
  record Place(int line, int column, String field) {}
}
