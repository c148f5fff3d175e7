package io.camfleet.simulator.generate;

/** One police request of the plan: who asks, where, how wide, for which window, and when. */
record PlannedRequest(
    int index,
    String id,
    int agency,
    int partition,
    double x,
    double y,
    double radiusMiles,
    long windowStart,
    long windowEnd,
    long incidentAt,
    long issuedAt) {}
