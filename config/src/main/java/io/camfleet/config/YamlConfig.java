package io.camfleet.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML file strictly into a record: unknown or duplicated keys, wrong types, missing
 * required keys and values the record's constructor rejects all become a {@link ConfigException}
 * naming the file, line, column and field.
 *
 * <p>A record's constructor reports a bad value with an {@link IllegalArgumentException} whose
 * message starts with the dotted path of the key at fault, from the top of the file or from the
 * record ({@code "retention.days must be ..."}, {@code "min must be ..."}); a list item is named by
 * its {@code id}. A path followed by a colon ({@code "copies: give either ..."}) is only the place:
 * the message shows what follows it. A message that starts with no path is about the record itself.
 */
public final class YamlConfig {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build();

  private static final Pattern LEADING_PATH =
      Pattern.compile(
          "^([A-Za-z][A-Za-z0-9_-]*(?:\\.(?:[A-Za-z0-9_-]+|#\\d+))*)(:?) (.*)$", Pattern.DOTALL);
  private static final Pattern OUT_OF_RANGE =
      Pattern.compile("Numeric value \\((.+)\\) out of range of (int|long)");

  private YamlConfig() {}

  /** Reads {@code file} as a {@code type}. */
  public static <T> T read(Path file, Class<T> type) {
    return read(file, type, Map.of());
  }

  /**
   * Reads {@code file} as a {@code type}, with the single value at each dotted key path of {@code
   * values} ({@code residents.shareProbability}; a list item by its {@code id} or {@code #i})
   * replaced by the text given, checked as strictly as the file's own: a key that is not in the
   * file, or a value of the wrong type, is a {@link ConfigException} naming the key.
   */
  public static <T> T read(Path file, Class<T> type, Map<String, String> values) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file, 0, 0, null, "no such file");
    } catch (IOException e) {
      throw new ConfigException(file, 0, 0, null, "cannot read: " + e.getMessage());
    }
    if (bytes.length == 0) {
      throw new ConfigException(file, 0, 0, null, "the file is empty");
    }
    YamlTree tree = YamlTree.parse(file, bytes);
    if (!values.isEmpty()) {
      bytes = tree.withValues(bytes, values);
      tree = YamlTree.parse(file, bytes);
    }
    KeyCheck.check(tree, type);
    try {
      return MAPPER.readValue(bytes, type);
    } catch (JsonMappingException e) {
      throw translate(tree, e);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      throw new ConfigException(
          file, line, column, null, "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(file, 0, 0, null, "cannot read: " + e.getMessage());
    }
  }

  private static ConfigException translate(YamlTree tree, JsonMappingException e) {
    List<String> path = new ArrayList<>();
    for (JsonMappingException.Reference ref : e.getPath()) {
      path.add(ref.getFieldName() != null ? ref.getFieldName() : "#" + ref.getIndex());
    }
    if (e instanceof ValueInstantiationException invalid) {
      Throwable cause = invalid.getCause();
      String problem =
          cause != null && cause.getMessage() != null
              ? cause.getMessage()
              : "not a valid value here";
      return refused(tree, path, problem);
    }
    String problem;
    if (e instanceof InvalidFormatException bad) {
      problem = notA(String.valueOf(bad.getValue()), bad.getTargetType());
      // a map key that is not one of an enum's names: point at the key itself
      List<String> key = new ArrayList<>(path);
      key.add(String.valueOf(bad.getValue()));
      if (tree.find(key) != null) {
        path = key;
      }
    } else if (e instanceof MismatchedInputException mismatch) {
      problem = mismatched(tree.valueAt(path), mismatch.getTargetType());
    } else {
      Matcher range = OUT_OF_RANGE.matcher(String.valueOf(e.getOriginalMessage()));
      problem =
          range.find()
              ? "'"
                  + range.group(1)
                  + "' is too large; expected a whole number of at most "
                  + (range.group(2).equals("int") ? Integer.MAX_VALUE : Long.MAX_VALUE)
              : e.getOriginalMessage();
    }
    return tree.error(tree.nearest(path), problem);
  }

  /** A value a record's constructor refused, placed at the key its message names. */
  private static ConfigException refused(YamlTree tree, List<String> recordPath, String problem) {
    Matcher named = LEADING_PATH.matcher(problem);
    if (named.matches()) {
      List<String> relative = List.of(named.group(1).split("\\."));
      // from the record, then from each section around it out to the top of the file
      List<List<String>> candidates = new ArrayList<>();
      for (int depth = recordPath.size(); depth >= 0; depth--) {
        List<String> candidate = new ArrayList<>(recordPath.subList(0, depth));
        candidate.addAll(relative);
        candidates.add(candidate);
      }
      for (List<String> candidate : candidates) {
        YamlTree.Place at = tree.find(candidate);
        if (at != null) {
          return tree.error(at, named.group(2).isEmpty() ? problem : named.group(3));
        }
      }
    }
    return tree.error(tree.nearest(recordPath), problem);
  }

  private static String mismatched(Node value, Type target) {
    if (value instanceof MappingNode) {
      return "expected " + describe(target) + ", not a section of keys";
    }
    if (value instanceof SequenceNode) {
      return "expected " + describe(target) + ", not a list";
    }
    if (value instanceof ScalarNode scalar) {
      if (scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN
          && KeyCheck.raw(target) != String.class) {
        return "'"
            + scalar.getValue()
            + "' is quoted, so it is text, not "
            + describe(target)
            + "; remove the quotes";
      }
      return notA(scalar.getValue(), target);
    }
    return "expected " + describe(target);
  }

  private static String notA(String value, Type target) {
    if (target == LocalDate.class) {
      return "'" + value + "' is not a valid date; expected YYYY-MM-DD, e.g. 2019-06-01";
    }
    return "'" + value + "' is not " + describe(target);
  }

  /** What a value of {@code type} looks like, in the terms of a YAML file. */
  static String describe(Type type) {
    Class<?> raw = KeyCheck.raw(type);
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      return "a whole number";
    }
    if (raw == double.class || raw == Double.class) {
      return "a number";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "true or false";
    }
    if (raw == String.class) {
      return "text";
    }
    if (raw == LocalDate.class) {
      return "a date as YYYY-MM-DD";
    }
    if (raw.isEnum()) {
      return "one of "
          + Arrays.stream(raw.getEnumConstants())
              .map(c -> enumName((Enum<?>) c))
              .collect(Collectors.joining(", "));
    }
    if (raw.isRecord()) {
      return "keys (" + String.join(", ", KeyCheck.keysOf(raw).keySet()) + ")";
    }
    if (Map.class.isAssignableFrom(raw)) {
      return "'name: value' pairs";
    }
    if (Collection.class.isAssignableFrom(raw)) {
      return "a list";
    }
    return "a value of the right kind";
  }

  private static String enumName(Enum<?> constant) {
    try {
      JsonProperty property =
          constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return property != null && !property.value().isEmpty() ? property.value() : constant.name();
    } catch (NoSuchFieldException e) {
      return constant.name();
    }
  }
}
