package io.camfleet.streams;

/**
 * A service refuses to start on its state folder: the state is stale or of unknown provenance, or
 * another instance uses it. The message is one line for the user, saying what to do.
 */
public final class StateFolderException extends RuntimeException {
  public StateFolderException(String message) {
    super(message);
  }
}
