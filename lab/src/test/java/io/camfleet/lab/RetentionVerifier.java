package io.camfleet.lab;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.LegalHold;
import io.camfleet.avro.WorldEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the retention service must decide, computed from the input events with plain code that
 * shares nothing with the topology: for policies without request caps, each clip's fate follows
 * from its recording time, its region's period, its shares and its holds.
 */
final class RetentionVerifier {
  private static final long DAY = 86_400_000L;

  /**
   * A policy as the verifier needs it: a default period, per-region periods, shared originals
   * exempt or not; and its later stages, with whether they apply to clips recorded before them.
   */
  record SimplePolicy(
      String name,
      int days,
      Map<String, Integer> regionDays,
      boolean exemptShared,
      List<SimpleStage> stages,
      boolean followNewRules) {
    SimplePolicy(String name, int days, Map<String, Integer> regionDays, boolean exemptShared) {
      this(name, days, regionDays, exemptShared, List.of(), true);
    }

    /** The period in days in force at {@code at}. */
    private long periodAt(String region, long at) {
      long period = regionDays.getOrDefault(region, days) * DAY;
      for (SimpleStage stage : stages) {
        if (stage.from() <= at) {
          period = stage.regionDays().getOrDefault(region, stage.days()) * DAY;
        }
      }
      return period;
    }

    /**
     * When a clip is due: under keep-old-rules the period at its recording; under follow-new-rules
     * the first instant t at or after the recording that is at least the period in force at t past
     * the recording, tried at the recording plus each period and at each stage's start.
     */
    long dueAt(String region, long recordedAt) {
      if (!followNewRules) {
        return recordedAt + periodAt(region, recordedAt);
      }
      List<Long> candidates = new ArrayList<>();
      candidates.add(recordedAt + regionDays.getOrDefault(region, days) * DAY);
      for (SimpleStage stage : stages) {
        candidates.add(recordedAt + stage.regionDays().getOrDefault(region, stage.days()) * DAY);
        candidates.add(stage.from());
      }
      long best = Long.MAX_VALUE;
      for (long t : candidates) {
        if (t >= recordedAt && t >= recordedAt + periodAt(region, t)) {
          best = Math.min(best, t);
        }
      }
      return best;
    }

    /** Whether a share exempts a clip recorded at {@code recordedAt}. */
    boolean exempts(long recordedAt) {
      boolean exempt = exemptShared;
      for (SimpleStage stage : stages) {
        if (stage.from() <= recordedAt) {
          exempt = stage.exemptShared();
        }
      }
      return exempt;
    }

    /** The stage label of the rules in force at {@code at}. */
    String labelAt(long at) {
      String label = "base";
      for (SimpleStage stage : stages) {
        if (stage.from() <= at) {
          label = stage.label();
        }
      }
      return label;
    }
  }

  /** A stage of a {@link SimplePolicy}: from when, its periods and whether shares exempt. */
  record SimpleStage(
      String label, long from, int days, Map<String, Integer> regionDays, boolean exemptShared) {}

  /** What happened to a clip after its recording, in its partition's order. */
  private record Event(long at, Kind kind, String holdId) {}

  private enum Kind {
    SHARE,
    HOLD,
    RELEASE
  }

  private record Clip(String region, long recordedAt, List<Event> events) {}

  private final Map<String, Clip> clips = new HashMap<>();
  private long horizon = Long.MIN_VALUE;

  /** Feeds one input event, in the order of its partition. */
  void accept(WorldEvent event) {
    Object e = event.getEvent();
    if (e instanceof ClipRecorded c) {
      clips.put(c.getClipId(), new Clip(c.getRegion(), c.getRecordedAt(), new ArrayList<>()));
    } else if (e instanceof ClipShared s && clips.containsKey(s.getClipId())) {
      clips.get(s.getClipId()).events().add(new Event(event.getEventTime(), Kind.SHARE, null));
    } else if (e instanceof LegalHold h && clips.containsKey(h.getClipId())) {
      clips
          .get(h.getClipId())
          .events()
          .add(
              new Event(
                  event.getEventTime(), h.getPlaced() ? Kind.HOLD : Kind.RELEASE, h.getHoldId()));
    } else if (e instanceof ClockTick t && t.getLast()) {
      horizon = Math.max(horizon, event.getEventTime());
    }
  }

  /**
   * Every expected receipt as "policy clip KIND decidedAt stage", with how many times each is
   * expected.
   */
  Map<String, Integer> expected(List<SimplePolicy> policies) {
    Map<String, Integer> out = new TreeMap<>();
    for (SimplePolicy p : policies) {
      clips.forEach(
          (clipId, clip) -> {
            long due = p.dueAt(clip.region(), clip.recordedAt());
            boolean alive = true;
            boolean exempt = false;
            boolean dueSeen = false;
            Set<String> holds = new LinkedHashSet<>();
            for (Event ev : clip.events()) {
              long t = ev.at();
              if (alive && !exempt && !dueSeen && due <= t) {
                dueSeen = true;
                if (holds.isEmpty()) {
                  alive = false;
                  add(out, p, clipId, clip, "CLIP_EXPIRED", due);
                } else {
                  add(out, p, clipId, clip, "EXPIRY_HELD", due);
                }
              }
              switch (ev.kind()) {
                case SHARE -> {
                  if (!alive) {
                    add(out, p, clipId, clip, "SHARE_REFUSED", t);
                  } else if (p.exempts(clip.recordedAt()) && !exempt) {
                    exempt = true;
                    add(out, p, clipId, clip, "RETAINED_SHARED", t);
                  } else {
                    add(out, p, clipId, clip, "SHARE_RECORDED", t);
                  }
                }
                case HOLD -> {
                  if (alive && holds.add(ev.holdId())) {
                    add(out, p, clipId, clip, "HOLD_PLACED", t);
                  }
                }
                case RELEASE -> {
                  if (alive && holds.remove(ev.holdId())) {
                    add(out, p, clipId, clip, "HOLD_RELEASED", t);
                    if (holds.isEmpty() && !exempt && due <= t) {
                      alive = false;
                      add(out, p, clipId, clip, "CLIP_EXPIRED", t);
                    }
                  }
                }
              }
            }
            if (alive && !exempt && !dueSeen && due <= horizon) {
              add(out, p, clipId, clip, holds.isEmpty() ? "CLIP_EXPIRED" : "EXPIRY_HELD", due);
            }
          });
    }
    return out;
  }

  /**
   * One expected receipt: an expiry (or expiry held) names the stage that set the due time, any
   * other the stage deciding at its time; under keep-old-rules both are the stage at the recording.
   */
  private static void add(
      Map<String, Integer> out, SimplePolicy p, String clipId, Clip clip, String kind, long at) {
    long decidingAt =
        !p.followNewRules()
            ? clip.recordedAt()
            : kind.equals("CLIP_EXPIRED") || kind.equals("EXPIRY_HELD")
                ? p.dueAt(clip.region(), clip.recordedAt())
                : at;
    out.merge(
        p.name() + " " + clipId + " " + kind + " " + at + " " + p.labelAt(decidingAt),
        1,
        Integer::sum);
  }
}
