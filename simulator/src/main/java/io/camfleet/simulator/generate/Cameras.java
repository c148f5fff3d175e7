package io.camfleet.simulator.generate;

import io.camfleet.simulator.world.Spread;
import io.camfleet.simulator.world.World;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every camera of the world and what never changes about it: where it is, when it is installed, its
 * owner's settings. Each camera is derived from the world's seed and its own number alone, so every
 * shard knows the whole fleet (police requests reach cameras of all shards) at a cost of a few
 * dozen bytes per camera. A grid index finds the cameras around a point.
 */
final class Cameras {
  static final long DAY_MS = 86_400_000L;

  final int count;
  final String[] ids;
  final String[] households;
  final double[] x;
  final double[] y;
  final long[] installAt;
  final int[] neighbourhood;
  final byte[] profile;
  final byte[] region;
  final byte[] partition;

  /**
   * When the owner opts out of police requests, in milliseconds since the epoch: {@link
   * Long#MIN_VALUE} for an owner opted out from the start, {@link Long#MAX_VALUE} for one who never
   * opts out.
   */
  final long[] optOutAt;

  final boolean[] feedMember;
  final double[] activityFactor;

  final List<String> neighbourhoodIds;
  final List<String> jurisdictions;
  final List<String> regionNames;
  final List<String> profileNames;

  private final double cellMiles;
  private final int columns;
  private final int rows;
  private final int[] cellStart;
  private final int[] cellCameras;

  /** {@code idPrefix} starts every camera and household id: a run's ({@code Runs.idPrefix}). */
  Cameras(World world, int partitions, String idPrefix) {
    count = world.cameras();
    ids = new String[count];
    households = new String[count];
    x = new double[count];
    y = new double[count];
    installAt = new long[count];
    neighbourhood = new int[count];
    profile = new byte[count];
    region = new byte[count];
    partition = new byte[count];
    optOutAt = new long[count];
    feedMember = new boolean[count];
    activityFactor = new double[count];

    List<World.Neighbourhood> hoods = world.county().neighbourhoods();
    neighbourhoodIds = hoods.stream().map(World.Neighbourhood::id).toList();
    jurisdictions = hoods.stream().map(World.Neighbourhood::jurisdiction).toList();
    regionNames = List.copyOf(world.fleet().regions().keySet());
    profileNames = List.copyOf(world.activity().keySet());
    double[] byHouseholds =
        cumulative(hoods.stream().mapToDouble(World.Neighbourhood::households).toArray());
    double[] byRegion =
        cumulative(
            world.fleet().regions().values().stream().mapToDouble(Double::doubleValue).toArray());
    List<double[]> profileOdds = new ArrayList<>();
    List<int[]> profileIndex = new ArrayList<>();
    for (World.Neighbourhood n : hoods) {
      profileOdds.add(
          cumulative(n.activity().values().stream().mapToDouble(Double::doubleValue).toArray()));
      profileIndex.add(n.activity().keySet().stream().mapToInt(profileNames::indexOf).toArray());
    }
    double p90 = world.clips().cameraActivityP90();
    Sampler activity =
        new Sampler(new Spread(1, p90, Math.min(1, 1 / (p90 * p90 * p90)), p90 * p90 * p90));
    World.Fleet fleet = world.fleet();
    long start = world.startInstant().toEpochMilli();
    long horizon = start + world.days() * DAY_MS;
    double m = fleet.adoptionMidpointDay();
    double s = fleet.adoptionScaleDays();
    double firstShare = logistic((0 - m) / s);
    double lastShare = logistic((world.days() - m) / s);
    World.OptOut optOut = fleet.optOut();
    long seed = world.seed();

    for (int i = 0; i < count; i++) {
      Rng rng = new Rng(Rng.seed(world.seed(), Rng.CAMERA, i));
      int n = rng.pick(byHouseholds);
      World.Area area = hoods.get(n).area();
      neighbourhood[i] = n;
      x[i] = area.x() + rng.nextDouble() * area.width();
      y[i] = area.y() + rng.nextDouble() * area.height();
      profile[i] = (byte) profileIndex.get(n)[rng.pick(profileOdds.get(n))];
      region[i] = (byte) rng.pick(byRegion);
      boolean optsOut = rng.nextDouble() < fleet.optOutProbability();
      feedMember[i] = rng.nextDouble() < fleet.feedMemberProbability();
      activityFactor[i] = activity.sample(rng);
      double u = rng.nextDouble();
      double v = rng.nextDouble();
      if (u < fleet.installedAtStart()) {
        installAt[i] = start;
      } else {
        double share = firstShare + v * (lastShare - firstShare);
        double day = m + s * StrictMath.log(share / (1 - share));
        long at = start + (long) (Math.max(0, day) * DAY_MS);
        installAt[i] = Math.min(at, horizon - 1);
      }
      optOutAt[i] =
          !optsOut ? Long.MAX_VALUE : optOut == null ? Long.MIN_VALUE : optOutTime(i, optOut, seed);
      ids[i] = idPrefix + numbered("cam-", i);
      households[i] = idPrefix + numbered("hh-", i);
      partition[i] = (byte) Partitions.of(ids[i], partitions);
    }

    double w = world.county().widthMiles();
    double h = world.county().heightMiles();
    cellMiles = Math.max(0.25, Math.sqrt(w * h / 1_000_000.0));
    columns = (int) Math.ceil(w / cellMiles) + 1;
    rows = (int) Math.ceil(h / cellMiles) + 1;
    cellStart = new int[columns * rows + 1];
    int[] cellOf = new int[count];
    for (int i = 0; i < count; i++) {
      cellOf[i] = cell(x[i], y[i]);
      cellStart[cellOf[i] + 1]++;
    }
    for (int c = 0; c < columns * rows; c++) {
      cellStart[c + 1] += cellStart[c];
    }
    cellCameras = new int[count];
    int[] fill = Arrays.copyOf(cellStart, cellStart.length);
    for (int i = 0; i < count; i++) {
      cellCameras[fill[cellOf[i]]++] = i;
    }
  }

  /**
   * When the owner of camera {@code i}, who opts out, does so: the later of the opt-out's
   * availability and the installation, plus an exponential wait at the yearly uptake rate.
   */
  private long optOutTime(int i, World.OptOut optOut, long seed) {
    long from = Math.max(optOut.availableFromMillis(), installAt[i]);
    if (optOut.uptakePerYear() >= 1) {
      return from;
    }
    double perDay = -StrictMath.log1p(-optOut.uptakePerYear()) / 365.25;
    Rng rng = new Rng(Rng.seed(seed, Rng.OPT_OUT, i));
    double waitDays = rng.exponential() / perDay;
    return from + (long) Math.min(waitDays * DAY_MS, (double) (Long.MAX_VALUE / 2));
  }

  /** Whether the owner of camera {@code i} has opted out of police requests at {@code at}. */
  boolean optedOutAt(int i, long at) {
    return optOutAt[i] <= at;
  }

  /**
   * The cameras the portal emails for a request: installed by {@code at}, owner not opted out by
   * then, at most {@code radius} miles from ({@code cx}, {@code cy}); in ascending camera order.
   */
  int[] inRange(double cx, double cy, double radius, long at) {
    int c0 = Math.max(0, (int) ((cx - radius) / cellMiles));
    int c1 = Math.min(columns - 1, (int) ((cx + radius) / cellMiles));
    int r0 = Math.max(0, (int) ((cy - radius) / cellMiles));
    int r1 = Math.min(rows - 1, (int) ((cy + radius) / cellMiles));
    int[] found = new int[16];
    int size = 0;
    double r2 = radius * radius;
    for (int row = r0; row <= r1; row++) {
      for (int col = c0; col <= c1; col++) {
        int cell = row * columns + col;
        for (int k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
          int i = cellCameras[k];
          double dx = x[i] - cx;
          double dy = y[i] - cy;
          if (dx * dx + dy * dy <= r2 && installAt[i] <= at && optOutAt[i] > at) {
            if (size == found.length) {
              found = Arrays.copyOf(found, size * 2);
            }
            found[size++] = i;
          }
        }
      }
    }
    int[] result = Arrays.copyOf(found, size);
    Arrays.sort(result);
    return result;
  }

  double distance(int camera, double cx, double cy) {
    double dx = x[camera] - cx;
    double dy = y[camera] - cy;
    return Math.sqrt(dx * dx + dy * dy);
  }

  private int cell(double px, double py) {
    int col = Math.min(columns - 1, Math.max(0, (int) (px / cellMiles)));
    int row = Math.min(rows - 1, Math.max(0, (int) (py / cellMiles)));
    return row * columns + col;
  }

  static double[] cumulative(double[] weights) {
    double[] c = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      c[i] = sum;
    }
    return c;
  }

  private static double logistic(double z) {
    return 1 / (1 + StrictMath.exp(-z));
  }

  static String numbered(String prefix, int n) {
    String digits = Integer.toString(n);
    StringBuilder s = new StringBuilder(prefix.length() + Math.max(6, digits.length()));
    s.append(prefix);
    for (int i = digits.length(); i < 6; i++) {
      s.append('0');
    }
    return s.append(digits).toString();
  }
}
