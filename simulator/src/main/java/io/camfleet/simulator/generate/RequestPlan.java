package io.camfleet.simulator.generate;

import io.camfleet.simulator.world.World;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Every police request of the world, decided up front from the seed: each partnered agency's
 * requests are spread uniformly over its request period (from the day it joins the portal, {@link
 * World#joinTimes}, to {@code lapseDays} before the horizon, so every notification is answered or
 * lapses before the world ends), each with an incident in the agency's jurisdiction (neighbourhoods
 * weighted by households), a radius, a window centred on the incident, and a delay before the
 * request.
 */
final class RequestPlan {
  private RequestPlan() {}

  /** {@code idPrefix} starts every request id: a run's ({@code Runs.idPrefix}). */
  static List<PlannedRequest> of(World world, int partitions, String idPrefix) {
    long start = world.startInstant().toEpochMilli();
    long lastIssue = start + (world.days() - world.residents().lapseDays()) * Cameras.DAY_MS;
    Sampler radius = new Sampler(world.requests().radiusMiles());
    Sampler window = new Sampler(world.requests().windowHours());
    Sampler delay = new Sampler(world.requests().delayHours());
    long lookBack = (long) (world.requests().lookBackLimitDays() * Cameras.DAY_MS);
    List<World.Neighbourhood> hoods = world.county().neighbourhoods();
    long[] joined = world.joinTimes();

    record Draft(long issuedAt, int agency, int number, PlannedRequest shape) {}
    List<Draft> drafts = new ArrayList<>();
    for (int a = 0; a < world.agencies().size(); a++) {
      World.Agency agency = world.agencies().get(a);
      if (!agency.requestsHere()) {
        continue;
      }
      long from = Math.max(start, joined[a]);
      if (lastIssue <= from) {
        continue;
      }
      int count = agency.requests().over((lastIssue - from) / (double) Cameras.DAY_MS);
      Rng schedule = new Rng(Rng.seed(world.seed(), Rng.SCHEDULE, a));
      long[] times = new long[count];
      for (int j = 0; j < count; j++) {
        times[j] = from + (long) (schedule.nextDouble() * (lastIssue - from));
      }
      Arrays.sort(times);
      List<Integer> local = new ArrayList<>();
      for (int n = 0; n < hoods.size(); n++) {
        if (hoods.get(n).jurisdiction().equals(agency.id()) && hoods.get(n).households() > 0) {
          local.add(n);
        }
      }
      double[] byHouseholds =
          Cameras.cumulative(local.stream().mapToDouble(n -> hoods.get(n).households()).toArray());
      for (int j = 0; j < count; j++) {
        Rng rng = new Rng(Rng.seed(world.seed(), Rng.REQUEST, a, j));
        World.Area area = hoods.get(local.get(rng.pick(byHouseholds))).area();
        double x = area.x() + rng.nextDouble() * area.width();
        double y = area.y() + rng.nextDouble() * area.height();
        double r = radius.sample(rng);
        long windowMs = (long) (window.sample(rng) * ClipModel.HOUR_MS);
        long delayMs = (long) (delay.sample(rng) * ClipModel.HOUR_MS);
        long issuedAt = times[j];
        long windowStart = Math.max(issuedAt - delayMs - windowMs / 2, issuedAt - lookBack);
        long incidentAt = Math.max(issuedAt - delayMs, windowStart);
        long windowEnd = Math.min(incidentAt + windowMs / 2, issuedAt);
        String id = idPrefix + "req-" + agency.id() + "-" + (j + 1);
        drafts.add(
            new Draft(
                issuedAt,
                a,
                j,
                new PlannedRequest(
                    0,
                    id,
                    a,
                    Partitions.of(id, partitions),
                    x,
                    y,
                    r,
                    windowStart,
                    windowEnd,
                    incidentAt,
                    issuedAt)));
      }
    }
    drafts.sort(
        Comparator.comparingLong(Draft::issuedAt)
            .thenComparingInt(Draft::agency)
            .thenComparingInt(Draft::number));
    List<PlannedRequest> plan = new ArrayList<>(drafts.size());
    for (Draft d : drafts) {
      PlannedRequest s = d.shape();
      plan.add(
          new PlannedRequest(
              plan.size(),
              s.id(),
              s.agency(),
              s.partition(),
              s.x(),
              s.y(),
              s.radiusMiles(),
              s.windowStart(),
              s.windowEnd(),
              s.incidentAt(),
              s.issuedAt()));
    }
    return List.copyOf(plan);
  }
}
