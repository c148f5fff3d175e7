package io.camfleet.lab;

import io.camfleet.avro.DailyStats;
import io.camfleet.cli.ShutdownGuard;
import io.camfleet.dashboard.DashboardServer;
import io.camfleet.dashboard.StageMarks;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code run --dashboard} after the report: the dashboard of the run's final statistics, on the
 * port the live one had, with the broker gone, until Ctrl-C. The run then exits 130 as any Ctrl-C
 * does, so that a shell loop around it stops too; the report was complete before the page went up.
 */
final class FinishedDashboard {
  private static final long POLL_MILLIS = 200;

  private final List<DailyStats> stats;
  private final List<StageMarks> marks;
  private final int port;

  FinishedDashboard(List<DailyStats> stats, List<StageMarks> marks, int port) {
    this.stats = List.copyOf(stats);
    this.marks = List.copyOf(marks);
    this.port = port;
  }

  /** Serves the page until a stop is asked for; returns then, the server closed. */
  void serveUntilStopped(ShutdownGuard guard, PrintStream err) throws IOException {
    try (DashboardServer board = DashboardServer.finished(stats, marks, "127.0.0.1", port)) {
      err.printf(
          "Serving the finished dashboard (final statistics; the broker is gone) on %s until Ctrl-C%n",
          board.url());
      while (!guard.stopping()) {
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    err.println("camfleet run: stopped serving the finished dashboard");
  }
}
