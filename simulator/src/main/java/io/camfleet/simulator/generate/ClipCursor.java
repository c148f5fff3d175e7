package io.camfleet.simulator.generate;

/**
 * One camera's clips, in recording order: a Poisson process whose rate follows the camera's
 * activity profile hour by hour. Each day draws from its own stream, seeded by the world's seed,
 * the camera and the day, so any day's clips can be replayed exactly (a resident sharing footage
 * looks them up again) while the live cursor keeps only a few numbers per camera.
 */
final class ClipCursor {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final ClipModel model;
  private final int camera;
  private final int profile;
  private final double factor;
  private final long notBefore;

  private long state;
  private double elapsed;
  private int hour;
  private double[] table;

  /**
   * The current clip: its day, index within the day, time, duration, size and the draw deciding a
   * feed post.
   */
  int day;

  int index;
  long time;
  int durationSeconds;
  long sizeBytes;
  double postDraw;

  /**
   * On a camera's live cursor, what its clip events carry besides the clip ({@link #carrying}):
   * kept here, beside the cursor's own numbers, because the generator reads them on every clip and
   * a camera's fields spread over the world's arrays cost a cache miss each at fleet scale.
   */
  String cameraId;

  String householdId;
  String region;
  boolean feedMember;
  Generator.CameraParts parts;

  /** What the camera's clip ids begin with ({@link ClipId#prefix}), as text and as UTF-8. */
  String clipPrefix;

  byte[] clipPrefixBytes;

  /**
   * A cursor before the first clip recorded at or after {@code from}, and not before {@code
   * notBefore} (installation).
   */
  ClipCursor(ClipModel model, int camera, int profile, double factor, long notBefore, long from) {
    this.model = model;
    this.camera = camera;
    this.profile = profile;
    this.factor = factor;
    this.notBefore = notBefore;
    long first = Math.max(from, notBefore);
    startDay((int) Math.max(0, Math.floorDiv(first - model.start, Cameras.DAY_MS)));
    this.time = first;
  }

  /** Makes this the camera's live cursor, whose clip events carry these. */
  ClipCursor carrying(
      String cameraId,
      String householdId,
      String region,
      boolean feedMember,
      Generator.CameraParts parts) {
    this.cameraId = cameraId;
    this.householdId = householdId;
    this.region = region;
    this.feedMember = feedMember;
    this.parts = parts;
    this.clipPrefix = ClipId.prefix(cameraId);
    this.clipPrefixBytes = ClipId.utf8(clipPrefix);
    return this;
  }

  private void startDay(int d) {
    day = d;
    index = -1;
    state = Rng.seed(model.seed, Rng.CLIPS, camera, d);
    elapsed = 0;
    hour = 0;
    table = model.table(profile, d);
  }

  /**
   * Moves to the next clip at or after the cursor's lower bound; {@code time} is {@link
   * Long#MAX_VALUE} once the world's horizon is reached.
   */
  void advance() {
    long lowerBound = Math.max(notBefore, time);
    while (true) {
      if (day >= model.days) {
        time = Long.MAX_VALUE;
        return;
      }
      elapsed -= StrictMath.log(1.0 - uniform());
      double target = elapsed / factor;
      if (target >= table[24]) {
        startDay(day + 1);
        continue;
      }
      while (table[hour + 1] <= target) {
        hour++;
      }
      double fraction = (target - table[hour]) / (table[hour + 1] - table[hour]);
      index++;
      long at =
          model.start
              + day * Cameras.DAY_MS
              + hour * ClipModel.HOUR_MS
              + (long) (fraction * ClipModel.HOUR_MS);
      double durationDraw = uniform();
      double sizeDraw = uniform();
      double post = uniform();
      if (at < lowerBound) {
        continue;
      }
      time = at;
      durationSeconds = model.durationSeconds(durationDraw);
      sizeBytes = model.sizeBytes(durationSeconds, sizeDraw);
      postDraw = post;
      return;
    }
  }

  private double uniform() {
    return (Rng.mix(state += GOLDEN) >>> 11) * 0x1.0p-53;
  }
}
