package io.camfleet.simulator.world;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camfleet.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points a world-file error at the key it is about. Jackson reports a record's validation failure
 * (and an unknown key) where the enclosing block ends or starts; the field named by the error, or
 * the dotted path its message starts with, is found in the file to give its own line and column.
 */
final class FieldLocator {
  private static final Pattern LEADING_PATH = Pattern.compile("^([A-Za-z][\\w-]*(?:\\.[A-Za-z][\\w-]*)*) ");

  private FieldLocator() {}

  static ConfigException relocate(Path file, ConfigException e) {
    String prefix = new ConfigException(e.file(), e.line(), e.column(), e.field(), "").getMessage();
    if (!e.getMessage().startsWith(prefix)) {
      return e;
    }
    String problem = e.getMessage().substring(prefix.length());
    String field = e.field();
    if (field != null && problem.equals("required but missing")) {
      // YamlConfig names a missing key twice ("fleet.optOutProbability.optOutProbability")
      int dot = field.lastIndexOf('.');
      if (dot > 0 && field.substring(0, dot).endsWith("." + field.substring(dot + 1))) {
        return new ConfigException(e.file(), e.line(), e.column(), field.substring(0, dot), problem);
      }
      return e;
    }
    Matcher leading = LEADING_PATH.matcher(problem);
    String path = leading.find() ? leading.group(1) : e.field();
    if (path == null || path.isEmpty()) {
      return e;
    }
    JsonLocation at = find(file, path);
    if (at == null && e.field() != null && !e.field().isEmpty() && !e.field().equals(path)) {
      path = e.field();
      at = find(file, path);
    }
    if (at == null) {
      return e;
    }
    return new ConfigException(e.file(), at.getLineNr(), at.getColumnNr(), path, problem);
  }

  /** Where the key at {@code dottedPath} (list indices optional) is written, or null. */
  private static JsonLocation find(Path file, String dottedPath) {
    String wanted = dottedPath.replaceAll("\\[\\d+]", "");
    try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
      JsonToken token;
      while ((token = p.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME && pathOf(p.getParsingContext()).equals(wanted)) {
          return p.currentTokenLocation();
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // the file could not be read again: keep Jackson's location
    }
    return null;
  }

  private static String pathOf(JsonStreamContext context) {
    Deque<String> names = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null; c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        names.addFirst(c.getCurrentName());
      }
    }
    return String.join(".", names);
  }
}
