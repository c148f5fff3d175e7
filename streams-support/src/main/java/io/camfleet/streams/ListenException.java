package io.camfleet.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;

/** A service cannot listen on its HTTP address; the message names it and says what to do. */
public final class ListenException extends UncheckedIOException {
  private ListenException(String message, IOException cause) {
    super(message, cause);
  }

  /** The failure to listen on {@code host:port}, from what {@code bind} threw. */
  public static ListenException of(String host, int port, IOException failure) {
    if (port != 0
        && failure instanceof BindException
        && String.valueOf(failure.getMessage()).contains("already in use")) {
      return new ListenException(
          "port "
              + port
              + " is in use on "
              + host
              + ": choose another --http-port, or 0 for any free port",
          failure);
    }
    return new ListenException(
        "cannot listen on " + host + ":" + port + ": " + failure.getMessage(), failure);
  }
}
