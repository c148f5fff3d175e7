package io.camfleet.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a YAML file strictly into a record: unknown keys, wrong types, missing required fields and
 * values the record's constructor rejects all become a {@link ConfigException} naming the file,
 * line and field.
 */
public final class YamlConfig {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build();

  private YamlConfig() {}

  /** Reads {@code file} as a {@code type}. */
  public static <T> T read(Path file, Class<T> type) {
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
    try {
      T value = MAPPER.readValue(bytes, type);
      if (value == null) {
        throw new ConfigException(file, 0, 0, null, "the file holds no settings");
      }
      return value;
    } catch (JsonMappingException e) {
      ConfigException translated = translate(file, e);
      String field = translated.field();
      List<String> path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "#" + r.getIndex()).toList();
      String problem = problemOf(translated);
      // A record's constructor names the field it rejects first in its message ("retention.days
      // must ..."), from the top of the file or from the record that rejected it.
      String named = problem.split(" ", 2)[0];
      if (e instanceof ValueInstantiationException && named.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)*")) {
        List<String> fromTop = List.of(named.split("\\."));
        List<String> fromRecord = new java.util.ArrayList<>(path);
        fromRecord.addAll(fromTop);
        for (List<String> candidate : List.of(fromTop, fromRecord)) {
          if (positionOf(bytes, candidate, true)[0] > 0) {
            path = candidate;
            field = String.join(".", candidate);
            break;
          }
        }
      }
      int[] at = positionOf(bytes, path, false);
      if (at[0] > 0) {
        throw new ConfigException(file, at[0], at[1], field, problem);
      }
      throw translated;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ConfigException(
          file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), null,
          "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(file, 0, 0, null, "cannot read: " + e.getMessage());
    }
  }

  private static ConfigException translate(Path file, JsonMappingException e) {
    JsonLocation at = e.getLocation();
    if (e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser && parser.currentTokenLocation() != null) {
      // Where the offending token starts, not where the parser stopped after it.
      at = parser.currentTokenLocation();
    }
    int line = at == null ? 0 : at.getLineNr();
    int column = at == null ? 0 : at.getColumnNr();
    String field =
        e.getPath().stream()
            .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    String problem;
    if (e instanceof UnrecognizedPropertyException unknown) {
      problem = "unknown key '" + unknown.getPropertyName() + "'";
      field = field.isEmpty() ? unknown.getPropertyName() : field;
    } else if (e instanceof ValueInstantiationException invalid) {
      Throwable cause = invalid.getCause();
      problem = cause != null && cause.getMessage() != null ? cause.getMessage() : invalid.getOriginalMessage();
    } else if (e instanceof InvalidFormatException bad) {
      problem = "wrong type: '" + bad.getValue() + "' is not a " + simpleType(bad.getTargetType());
    } else if (e instanceof MismatchedInputException mismatch) {
      String message = mismatch.getOriginalMessage();
      java.util.regex.Matcher missing =
          java.util.regex.Pattern.compile("Missing required creator property '([^']+)'").matcher(message);
      if (missing.find()) {
        problem = "required but missing";
        boolean named = field.equals(missing.group(1)) || field.endsWith("." + missing.group(1));
        field = field.isEmpty() ? missing.group(1) : named ? field : field + "." + missing.group(1);
      } else {
        problem = "wrong type: expected " + simpleType(mismatch.getTargetType());
      }
    } else {
      problem = e.getOriginalMessage();
    }
    return new ConfigException(file, line, column, field, problem);
  }

  private static String problemOf(ConfigException e) {
    String message = e.getMessage();
    String marker = e.field() == null || e.field().isEmpty() ? ": " : "field '" + e.field() + "': ";
    int at = message.indexOf(marker);
    return at < 0 ? message : message.substring(at + marker.length());
  }

  /**
   * The 1-based line and column of the key at {@code path} in the YAML text, found on the composed
   * node tree (Jackson reports where its parser stopped, which can be lines later). Without
   * {@code exact}, the deepest key of the path that exists; {0, 0} when none is found.
   */
  private static int[] positionOf(byte[] yaml, List<String> path, boolean exact) {
    int[] none = {0, 0};
    try {
      org.yaml.snakeyaml.nodes.Node node =
          new org.yaml.snakeyaml.Yaml().compose(new java.io.StringReader(new String(yaml, java.nio.charset.StandardCharsets.UTF_8)));
      int[] at = none;
      for (String segment : path) {
        int index = segment.startsWith("#") ? Integer.parseInt(segment.substring(1)) : -1;
        org.yaml.snakeyaml.nodes.Node next = null;
        if (node instanceof org.yaml.snakeyaml.nodes.MappingNode mapping && index < 0) {
          for (org.yaml.snakeyaml.nodes.NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key
                && key.getValue().equals(segment)) {
              at = new int[] {key.getStartMark().getLine() + 1, key.getStartMark().getColumn() + 1};
              next = tuple.getValueNode();
            }
          }
        } else if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode sequence && index >= 0
            && index < sequence.getValue().size()) {
          next = sequence.getValue().get(index);
          at = new int[] {next.getStartMark().getLine() + 1, next.getStartMark().getColumn() + 1};
        }
        if (next == null) {
          return exact ? none : at;
        }
        node = next;
      }
      return at;
    } catch (RuntimeException e) {
      return none;
    }
  }

  private static String simpleType(Class<?> type) {
    if (type == null) {
      return "value of the right type";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "whole number";
    }
    if (type == double.class || type == Double.class) {
      return "number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    return type.getSimpleName();
  }
}
