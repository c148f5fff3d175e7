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
   * exempt or not.
   */
  record SimplePolicy(
      String name, int days, Map<String, Integer> regionDays, boolean exemptShared) {
    long dueAt(String region, long recordedAt) {
      return recordedAt + regionDays.getOrDefault(region, days) * DAY;
    }
  }

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
   * Every expected receipt as "policy clip KIND decidedAt", with how many times each is expected.
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
                  add(out, p, clipId, "CLIP_EXPIRED", due);
                } else {
                  add(out, p, clipId, "EXPIRY_HELD", due);
                }
              }
              switch (ev.kind()) {
                case SHARE -> {
                  if (!alive) {
                    add(out, p, clipId, "SHARE_REFUSED", t);
                  } else if (p.exemptShared() && !exempt) {
                    exempt = true;
                    add(out, p, clipId, "RETAINED_SHARED", t);
                  } else {
                    add(out, p, clipId, "SHARE_RECORDED", t);
                  }
                }
                case HOLD -> {
                  if (alive && holds.add(ev.holdId())) {
                    add(out, p, clipId, "HOLD_PLACED", t);
                  }
                }
                case RELEASE -> {
                  if (alive && holds.remove(ev.holdId())) {
                    add(out, p, clipId, "HOLD_RELEASED", t);
                    if (holds.isEmpty() && !exempt && due <= t) {
                      alive = false;
                      add(out, p, clipId, "CLIP_EXPIRED", t);
                    }
                  }
                }
              }
            }
            if (alive && !exempt && !dueSeen && due <= horizon) {
              add(out, p, clipId, holds.isEmpty() ? "CLIP_EXPIRED" : "EXPIRY_HELD", due);
            }
          });
    }
    return out;
  }

  private static void add(
      Map<String, Integer> out, SimplePolicy p, String clipId, String kind, long at) {
    out.merge(p.name() + " " + clipId + " " + kind + " " + at, 1, Integer::sum);
  }
}
