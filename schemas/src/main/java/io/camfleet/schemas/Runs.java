package io.camfleet.schemas;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs of one world on one {@code world-events} topic: the replicates of a world under several
 * seeds, evaluated by one pass of each service. A run is named by a word of lower-case letters and
 * digits ({@link #forSeed}); the one run of an ordinary topic is {@link #SINGLE}, the empty name.
 *
 * <p>The run travels in the ids: the simulator starts every camera, household and request id of a
 * named run with {@code <run>~} ({@link #idPrefix}), and every other id it makes (clips, copies,
 * holds) is built from one of those, so it holds {@code <run>~} after a {@code -} or at its start.
 * So the runs' entities never share a key in any store, and a service reads the run of any record
 * from any of its ids ({@link #of}). Clock ticks name no run: the runs of one topic share their
 * start, ticks and horizon.
 */
public final class Runs {
  /** The run of a topic that carries one. */
  public static final String SINGLE = "";

  /** The runs of a topic that carries one. */
  public static final List<String> ONLY = List.of(SINGLE);

  private static final char MARK = '~';
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+");

  private Runs() {}

  /** The run of {@code seed}: {@code s42}, or {@code sm7} for -7. */
  public static String forSeed(long seed) {
    return "s" + Long.toString(seed).replace('-', 'm');
  }

  /** What the ids of {@code run} start with: empty for {@link #SINGLE}. */
  public static String idPrefix(String run) {
    return requireValid(run).isEmpty() ? "" : run + MARK;
  }

  /** The run an id of the simulator's belongs to, {@link #SINGLE} for an id with no run in it. */
  public static String of(String id) {
    int mark = id.indexOf(MARK);
    if (mark < 0) {
      return SINGLE;
    }
    int start = id.lastIndexOf('-', mark) + 1;
    return id.substring(start, mark);
  }

  /** {@code run} if it is a run's name (or {@link #SINGLE}); else an IllegalArgumentException. */
  public static String requireValid(String run) {
    if (run == null || !(run.isEmpty() || NAME.matcher(run).matches())) {
      throw new IllegalArgumentException(
          "a run is named by lower-case letters and digits, not '" + run + "'");
    }
    return run;
  }

  /**
   * The key of one policy's statistics of one day: {@code policy/day} for {@link #SINGLE}, as on a
   * topic of one run, else {@code run/policy/day}.
   */
  public static String statsKey(String run, String policy, String day) {
    return run.isEmpty() ? policy + "/" + day : run + "/" + policy + "/" + day;
  }
}
