package io.camfleet.schemas;

/**
 * A writer schema found for a fingerprint that a reader must not use: malformed, misnamed or
 * incompatible.
 */
public final class SchemaRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaRefusedException(String message) {
    super(message);
  }
}
