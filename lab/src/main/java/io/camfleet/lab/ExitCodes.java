package io.camfleet.lab;

/** The exit codes of every camfleet command. */
public final class ExitCodes {
  /** Done. */
  public static final int OK = 0;
  /** The work failed (a cluster out of reach, a service that stopped, a run that stalled). */
  public static final int FAILED = 1;
  /** The command line or an input file is wrong; nothing was started. */
  public static final int USAGE = 2;
  /** Stopped by SIGINT (Ctrl-C) or SIGTERM, as shells report it: 128 + 2. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
