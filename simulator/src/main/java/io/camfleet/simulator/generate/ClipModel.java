package io.camfleet.simulator.generate;

import io.camfleet.simulator.world.World;
import java.time.DayOfWeek;
import java.util.List;

/**
 * When cameras record: for each activity profile and UTC day of the week, the expected number of
 * clips before each UTC hour of the day (the county's UTC offset and weekends applied), and how
 * long and large clips are.
 */
final class ClipModel {
  static final long HOUR_MS = 3_600_000L;

  final long start;
  final long horizon;
  final int days;
  final long seed;

  /**
   * [profile * 7 + day-of-week (0 = Monday)][hour 0..24]: expected clips before UTC hour h of the
   * day.
   */
  final double[][] cumulative;

  final int startDayOfWeek;
  final Sampler duration;
  final double bytesPerSecond;

  ClipModel(World world) {
    start = world.startInstant().toEpochMilli();
    days = world.days();
    horizon = start + days * Cameras.DAY_MS;
    seed = world.seed();
    startDayOfWeek = world.start().getDayOfWeek().getValue() - 1;
    duration = new Sampler(world.clips().durationSeconds());
    bytesPerSecond = world.clips().bytesPerSecond();
    List<World.Activity> profiles = List.copyOf(world.activity().values());
    int offset = world.county().utcOffsetHours();
    cumulative = new double[profiles.size() * 7][];
    for (int p = 0; p < profiles.size(); p++) {
      World.Activity a = profiles.get(p);
      for (int dow = 0; dow < 7; dow++) {
        double[] c = new double[25];
        for (int h = 0; h < 24; h++) {
          int local = h + offset;
          int localDow = Math.floorMod(dow + Math.floorDiv(local, 24), 7);
          int localHour = Math.floorMod(local, 24);
          boolean weekend =
              localDow == DayOfWeek.SATURDAY.getValue() - 1
                  || localDow == DayOfWeek.SUNDAY.getValue() - 1;
          List<Double> weights = weekend ? a.weekendHourly() : a.hourly();
          double perDay = weekend ? a.weekendClipsPerDay() : a.weekdayClipsPerDay();
          c[h + 1] = c[h] + perDay * weights.get(localHour) / sum(weights);
        }
        cumulative[p * 7 + dow] = c;
      }
    }
  }

  double[] table(int profile, int day) {
    return cumulative[profile * 7 + Math.floorMod(startDayOfWeek + day, 7)];
  }

  int durationSeconds(double draw) {
    return (int) Math.round(duration.at(draw));
  }

  long sizeBytes(int durationSeconds, double draw) {
    return (long) (durationSeconds * bytesPerSecond * (0.75 + 0.5 * draw));
  }

  private static double sum(List<Double> weights) {
    double s = 0;
    for (double w : weights) {
      s += w;
    }
    return s;
  }
}
