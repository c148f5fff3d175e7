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
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
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
      throw translate(file, e);
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
        field = field.isEmpty() ? missing.group(1) : field + "." + missing.group(1);
      } else {
        problem = "wrong type: expected " + simpleType(mismatch.getTargetType());
      }
    } else {
      problem = e.getOriginalMessage();
    }
    return new ConfigException(file, line, column, field, problem);
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
