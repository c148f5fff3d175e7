package io.camfleet.config;

import java.nio.file.Path;

/** A world or policy file that cannot be used, with the file, line, column and field at fault. */
public final class ConfigException extends RuntimeException {
  private final Path file;
  private final int line;
  private final int column;
  private final String field;

  public ConfigException(Path file, int line, int column, String field, String problem) {
    super(format(file, line, column, field, problem));
    this.file = file;
    this.line = line;
    this.column = column;
    this.field = field;
  }

  private static String format(Path file, int line, int column, String field, String problem) {
    StringBuilder s = new StringBuilder(String.valueOf(file));
    if (line > 0) {
      s.append(':').append(line);
      if (column > 0) {
        s.append(':').append(column);
      }
    }
    s.append(": ");
    if (field != null && !field.isEmpty()) {
      s.append("field '").append(field).append("': ");
    }
    return s.append(problem).toString();
  }

  public Path file() {
    return file;
  }

  /** 1-based line, or 0 when the problem is not at one place in the file. */
  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** Dotted path of the field at fault, or empty. */
  public String field() {
    return field;
  }
}
