package io.camfleet.cli;

/** The exit codes of every camfleet command. */
public enum ExitCode {
  /** Done. */
  OK(0),
  /** The work failed: a cluster out of reach, a service that stopped, a run that stalled. */
  FAILED(1),
  /** The command line or an input file is wrong; nothing was started. */
  USAGE(2),
  /** Stopped by SIGINT (Ctrl-C) or SIGTERM, as shells report it: 128 + 2. */
  INTERRUPTED(130);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }
}
