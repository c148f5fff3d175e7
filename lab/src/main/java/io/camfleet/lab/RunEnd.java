package io.camfleet.lab;

import java.nio.file.Path;

/**
 * A run at its end: the audit files are written in {@code out}, and the sharing service still
 * answers custody queries on {@code custodyPort}.
 */
record RunEnd(Path out, int custodyPort) {
  /** Told of the run's end before the services stop. */
  interface Observer {
    void atEnd(RunEnd end) throws Exception;
  }
}
