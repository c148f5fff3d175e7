package io.camfleet.simulator.generate;

/**
 * SplitMix64: a tiny, fast, splittable pseudo-random generator whose whole state is one long, so a
 * stream can be derived from the world's seed and an entity's id ({@link #seed}) and replayed
 * exactly. Only {@link StrictMath} is used for transcendental functions, so every JVM and JIT tier
 * draws the same numbers.
 */
public final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** Independent streams of one world: each kind of decision draws from its own. */
  static final long CAMERA = 1,
      CLIPS = 2,
      SCHEDULE = 3,
      REQUEST = 4,
      ANSWER = 5,
      FORWARD = 6,
      POST = 7,
      HOLD = 8,
      OPT_OUT = 9,
      SELECT = 10;

  private long state;

  public Rng(long seed) {
    this.state = seed;
  }

  /**
   * The seed of the stream for one entity: a mix of the world's seed, the kind of stream and the
   * entity's ids.
   */
  public static long seed(long worldSeed, long stream, long a) {
    return mix(mix(worldSeed ^ mix(stream * GOLDEN)) + a * GOLDEN);
  }

  public static long seed(long worldSeed, long stream, long a, long b) {
    return mix(seed(worldSeed, stream, a) + mix(b + GOLDEN) * GOLDEN);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    return mix(state += GOLDEN);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  public int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Exponential with mean 1. */
  public double exponential() {
    return -StrictMath.log(1.0 - nextDouble());
  }

  /** Poisson with the given mean (by inversion; fine for the small means used here). */
  public int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    double u = nextDouble();
    double p = StrictMath.exp(-mean);
    double cumulative = p;
    int k = 0;
    while (u > cumulative && k < 1000) {
      k++;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }

  /** Picks an index by cumulative weights {@code cumulative[i]} (increasing, last = total). */
  public int pick(double[] cumulative) {
    double u = nextDouble() * cumulative[cumulative.length - 1];
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }
}
