package io.camfleet.streams;

/**
 * A well-formed record that breaks an invariant of the world (a share of a clip that never existed,
 * say). Thrown before any state is changed, so the processing exception handler can send the record
 * to the dead-letter topic and the service goes on.
 */
public final class InvariantViolation extends RuntimeException {
  public InvariantViolation(String message) {
    super(message);
  }
}
