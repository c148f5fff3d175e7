package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.Answer;
import io.camfleet.avro.CameraInstalled;
import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.ClipShared;
import io.camfleet.avro.ClockTick;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyMade;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.LegalHold;
import io.camfleet.avro.PoliceRequest;
import io.camfleet.avro.RequestAnswer;
import io.camfleet.avro.RequestNotification;
import io.camfleet.avro.ShareChannel;
import io.camfleet.schemas.Topics;
import io.camfleet.simulator.world.World;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default world's stream keeps the contract downstream services rely on. */
class StreamContractTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  private static World world;
  private static List<Recorded> stream;

  @BeforeAll
  static void runDefaultWorld() {
    world = Worlds.read("default");
    stream = RecordingSink.run(world, SimulationOptions.defaults());
  }

  private static <T> List<T> all(Class<T> type) {
    List<T> found = new ArrayList<>();
    for (Recorded r : stream) {
      if (type.isInstance(r.body())) {
        found.add(type.cast(r.body()));
      }
    }
    return found;
  }

  @Test
  void everyPoliceShareNamesARecordedClipInsideItsRequestWindow() {
    Map<String, ClipRecorded> clips = new HashMap<>();
    int policeShares = 0;
    for (Recorded r : stream) {
      if (r.body() instanceof ClipRecorded clip) {
        clips.put(clip.getClipId(), clip);
      } else if (r.body() instanceof ClipShared share
          && share.getChannel() == ShareChannel.POLICE_REQUEST) {
        policeShares++;
        ClipRecorded clip = clips.get(share.getClipId());
        assertNotNull(clip, () -> "share of a clip never recorded: " + share);
        assertEquals(clip.getCameraId(), share.getCameraId());
        assertEquals(clip.getHouseholdId(), share.getHouseholdId());
        assertEquals(clip.getRegion(), share.getRegion());
        assertEquals(clip.getRecordedAt(), share.getClipRecordedAt());
        assertNotNull(share.getRequest());
        assertTrue(
            share.getRequest().getWindowStart() <= clip.getRecordedAt()
                && clip.getRecordedAt() <= share.getRequest().getWindowEnd(),
            () -> "clip outside the window: " + share);
        assertEquals(HolderType.REQUESTING_POLICE, share.getHolderType());
        assertTrue(share.getAddressDisclosed());
        assertTrue(share.getCopyId().startsWith("copy-" + share.getRequest().getRequestId() + "-"));
      }
    }
    assertTrue(policeShares > 50, "the default world shares footage with police: " + policeShares);
  }

  @Test
  void everyFeedPostNamesARecordedClipAndDisclosesNoAddress() {
    Map<String, ClipRecorded> clips = new HashMap<>();
    Map<String, String> neighbourhoodOf = new HashMap<>();
    int posts = 0;
    for (Recorded r : stream) {
      if (r.body() instanceof CameraInstalled c) {
        neighbourhoodOf.put(c.getCameraId(), c.getNeighbourhood());
      } else if (r.body() instanceof ClipRecorded clip) {
        clips.put(clip.getClipId(), clip);
      } else if (r.body() instanceof ClipShared share
          && share.getChannel() == ShareChannel.NEIGHBOURHOOD_POST) {
        posts++;
        ClipRecorded clip = clips.get(share.getClipId());
        assertNotNull(clip, () -> "post of a clip never recorded: " + share);
        assertEquals(clip.getCameraId(), share.getCameraId());
        assertEquals(clip.getRecordedAt(), share.getClipRecordedAt());
        assertEquals(clip.getRegion(), share.getRegion());
        assertNull(share.getRequest());
        assertFalse(share.getAddressDisclosed());
        assertEquals(HolderType.NEIGHBOURHOOD_FEED, share.getHolderType());
        assertEquals("feed-" + neighbourhoodOf.get(share.getCameraId()), share.getRecipientId());
      }
    }
    assertTrue(posts > 50, "the default world posts clips to the feed: " + posts);
  }

  @Test
  void notifiedCamerasAreExactlyThoseInRangeInstalledAndNotOptedOut() {
    List<CameraInstalled> installed = new ArrayList<>();
    Map<String, Long> installedAt = new HashMap<>();
    Map<String, Set<String>> notified = new TreeMap<>();
    List<PoliceRequest> requests = new ArrayList<>();
    for (Recorded r : stream) {
      if (r.body() instanceof CameraInstalled c) {
        installed.add(c);
        installedAt.put(c.getCameraId(), r.time());
      } else if (r.body() instanceof PoliceRequest p) {
        requests.add(p);
      } else if (r.body() instanceof RequestNotification n) {
        notified.computeIfAbsent(n.getRequestId(), k -> new TreeSet<>()).add(n.getCameraId());
      }
    }
    for (PoliceRequest p : requests) {
      Set<String> expected = new TreeSet<>();
      for (CameraInstalled c : installed) {
        double dx = c.getXMiles() - p.getXMiles();
        double dy = c.getYMiles() - p.getYMiles();
        if (dx * dx + dy * dy <= p.getRadiusMiles() * p.getRadiusMiles()
            && !c.getOptedOutOfRequests()
            && installedAt.get(c.getCameraId()) <= p.getIssuedAt()) {
          expected.add(c.getCameraId());
        }
      }
      assertEquals(expected, notified.getOrDefault(p.getRequestId(), Set.of()), p.getRequestId());
      assertEquals(expected.size(), p.getCamerasNotified(), p.getRequestId());
    }
    assertEquals(
        requests.stream()
            .map(PoliceRequest::getRequestId)
            .collect(java.util.stream.Collectors.toCollection(TreeSet::new))
            .containsAll(notified.keySet()),
        true);
    assertTrue(requests.size() > 30, () -> "requests: " + requests.size());
  }

  @Test
  void everyNotificationGetsOneAnswerAndASharedAnswerCountsTheSharesThatFollow() {
    Map<String, Integer> notifications = new HashMap<>();
    Map<String, Integer> answers = new HashMap<>();
    RequestAnswer open = null;
    int followingShares = 0;
    for (Recorded r : stream) {
      if (r.body() instanceof RequestNotification n) {
        notifications.merge(n.getRequestId() + "/" + n.getCameraId(), 1, Integer::sum);
      } else if (r.body() instanceof RequestAnswer a) {
        if (open != null) {
          assertEquals(open.getClipsShared(), followingShares, "shares after " + open);
        }
        answers.merge(a.getRequestId() + "/" + a.getCameraId(), 1, Integer::sum);
        open = a.getAnswer() == Answer.SHARED ? a : null;
        followingShares = 0;
        if (a.getAnswer() != Answer.SHARED) {
          assertEquals(0, a.getClipsShared());
        } else {
          assertTrue(a.getClipsShared() > 0);
        }
      } else if (r.body() instanceof ClipShared s
          && s.getChannel() == ShareChannel.POLICE_REQUEST) {
        assertNotNull(open, "police share without a SHARED answer before it: " + s);
        assertEquals(open.getRequestId(), s.getRequest().getRequestId());
        assertEquals(open.getCameraId(), s.getCameraId());
        followingShares++;
      } else if (open != null && followingShares == open.getClipsShared()) {
        open = null;
      }
    }
    assertEquals(notifications.keySet(), answers.keySet());
    assertTrue(notifications.values().stream().allMatch(n -> n == 1));
    assertTrue(answers.values().stream().allMatch(n -> n == 1));
  }

  @Test
  void everyCopyNamesAnEarlierCopyOfTheSameClip() {
    Map<String, String> clipOfCopy = new HashMap<>();
    Map<String, HolderType> holderOfCopy = new HashMap<>();
    Set<HolderType> forwardedTo = new HashSet<>();
    int downloads = 0;
    for (Recorded r : stream) {
      if (r.body() instanceof ClipShared s) {
        assertEquals(
            null,
            clipOfCopy.put(s.getCopyId(), s.getClipId()),
            () -> "copy id reused: " + s.getCopyId());
        holderOfCopy.put(s.getCopyId(), s.getHolderType());
      } else if (r.body() instanceof CopyMade c) {
        assertEquals(
            c.getClipId(), clipOfCopy.get(c.getParentCopyId()), () -> "unknown parent copy: " + c);
        assertEquals(
            null,
            clipOfCopy.put(c.getCopyId(), c.getClipId()),
            () -> "copy id reused: " + c.getCopyId());
        holderOfCopy.put(c.getCopyId(), c.getHolderType());
        if (c.getKind() == CopyKind.FORWARD) {
          assertTrue(
              c.getHolderType() == HolderType.OTHER_AGENCY
                  || c.getHolderType() == HolderType.FEDERAL_AGENCY,
              c.toString());
          assertTrue(
              Set.of(
                      HolderType.REQUESTING_POLICE,
                      HolderType.OTHER_AGENCY,
                      HolderType.FEDERAL_AGENCY)
                  .contains(holderOfCopy.get(c.getParentCopyId())),
              () -> "forwarded from a non-police copy: " + c);
          forwardedTo.add(c.getHolderType());
        } else {
          assertEquals(CopyKind.DOWNLOAD, c.getKind());
          assertEquals(HolderType.PUBLIC, c.getHolderType());
          assertEquals(
              HolderType.NEIGHBOURHOOD_FEED, holderOfCopy.get(c.getParentCopyId()), c.toString());
          assertTrue(c.getHolderId().startsWith("user-"));
          downloads++;
        }
      }
    }
    assertEquals(Set.of(HolderType.OTHER_AGENCY, HolderType.FEDERAL_AGENCY), forwardedTo);
    assertTrue(downloads > 50, "downloads: " + downloads);
  }

  @Test
  void everyCameraIsInstalledOnceBeforeItsEvents() {
    Set<String> installed = new HashSet<>();
    for (Recorded r : stream) {
      if (r.body() instanceof CameraInstalled c) {
        assertTrue(installed.add(c.getCameraId()), () -> "installed twice: " + c.getCameraId());
        assertEquals("hh-" + c.getCameraId().substring("cam-".length()), c.getHouseholdId());
      } else if (!(r.body() instanceof ClockTick) && !(r.body() instanceof PoliceRequest)) {
        assertTrue(
            installed.contains(r.key()), () -> "event before its camera's installation: " + r);
      }
    }
    assertEquals(world.cameras(), installed.size());
  }

  @Test
  void idsOfClipsRequestsAndHoldsAreUnique() {
    Set<String> clipIds = new HashSet<>();
    Set<String> requestIds = new HashSet<>();
    for (ClipRecorded c : all(ClipRecorded.class)) {
      assertTrue(clipIds.add(c.getClipId()), c.getClipId());
    }
    for (PoliceRequest p : all(PoliceRequest.class)) {
      assertTrue(requestIds.add(p.getRequestId()), p.getRequestId());
    }
    Map<String, Integer> holdEvents = new HashMap<>();
    for (LegalHold h : all(LegalHold.class)) {
      assertTrue(clipIds.contains(h.getClipId()));
      holdEvents.merge(h.getHoldId() + "/" + h.getPlaced(), 1, Integer::sum);
    }
    assertTrue(holdEvents.values().stream().allMatch(n -> n == 1));
    assertFalse(holdEvents.isEmpty(), "the default world places legal holds");
  }

  @Test
  void keysFollowTheContract() {
    for (Recorded r : stream) {
      Object body = r.body();
      if (body instanceof ClockTick t) {
        assertEquals("tick-" + t.getPartition(), r.key());
        assertEquals(t.getPartition(), r.partition());
        continue;
      }
      assertNull(r.partition(), () -> "only ticks name their partition: " + r);
      String expected;
      if (body instanceof PoliceRequest p) {
        expected = p.getRequestId();
      } else if (body instanceof CameraInstalled c) {
        expected = c.getCameraId();
      } else if (body instanceof ClipRecorded c) {
        expected = c.getCameraId();
      } else if (body instanceof RequestNotification n) {
        expected = n.getCameraId();
      } else if (body instanceof RequestAnswer a) {
        expected = a.getCameraId();
      } else if (body instanceof ClipShared s) {
        expected = s.getCameraId();
      } else if (body instanceof CopyMade c) {
        expected = c.getCameraId();
      } else {
        expected = ((LegalHold) body).getCameraId();
      }
      assertEquals(expected, r.key());
    }
  }

  @Test
  void eventsAreInTimeOrderWithinTheWorldsPeriod() {
    long start = world.startInstant().toEpochMilli();
    long horizon = world.horizon().toEpochMilli();
    long previous = start;
    for (Recorded r : stream) {
      assertTrue(r.time() >= previous, () -> "out of order: " + r);
      previous = r.time();
      assertTrue(r.time() <= horizon);
      assertTrue(
          r.time() < horizon || r.body() instanceof ClockTick t && t.getLast(),
          () -> "after the horizon: " + r);
    }
  }

  @Test
  void ticksEveryHourOnEveryPartitionThenALastTickAtTheHorizon() {
    long start = world.startInstant().toEpochMilli();
    long horizon = world.horizon().toEpochMilli();
    Map<Integer, List<Long>> ticks = new TreeMap<>();
    Map<Integer, List<Boolean>> lasts = new TreeMap<>();
    for (Recorded r : stream) {
      if (r.body() instanceof ClockTick t) {
        ticks.computeIfAbsent(t.getPartition(), p -> new ArrayList<>()).add(r.time());
        lasts.computeIfAbsent(t.getPartition(), p -> new ArrayList<>()).add(t.getLast());
      }
    }
    List<Long> expected = new ArrayList<>();
    for (long t = start + HOUR; t <= horizon; t += HOUR) {
      expected.add(t);
    }
    List<Boolean> expectedLast = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      expectedLast.add(i == expected.size() - 1);
    }
    assertEquals(Topics.DEFAULT_WORLD_PARTITIONS, ticks.size());
    for (int p = 0; p < Topics.DEFAULT_WORLD_PARTITIONS; p++) {
      assertEquals(expected, ticks.get(p));
      assertEquals(expectedLast, lasts.get(p));
    }
    Recorded last = stream.get(stream.size() - 1);
    assertTrue(last.body() instanceof ClockTick t && t.getLast());
    assertEquals(horizon, last.time());
    assertEquals(100 * DAY, horizon - start);
  }

  @Test
  void defaultWorldHasEuAccountsAndEveryKindOfEvent() {
    Map<String, Long> byType = new TreeMap<>();
    for (Recorded r : stream) {
      byType.merge(r.body().getClass().getSimpleName(), 1L, Long::sum);
    }
    // device maps are a world setting the default world leaves off
    Set<String> expected = new TreeSet<>(Simulator.EVENT_TYPES);
    expected.remove("CameraMapped");
    assertEquals(expected, byType.keySet());
    long eu = all(CameraInstalled.class).stream().filter(c -> c.getRegion().equals("EU")).count();
    assertTrue(
        eu > 0.08 * world.cameras() && eu < 0.25 * world.cameras(), () -> "EU cameras: " + eu);
    assertTrue(
        stream.size() > 100_000 && stream.size() < 400_000,
        () -> "a small world: " + stream.size() + " events");
  }

  @Test
  void someRequestsReachPastTheReportedCaps() {
    List<PoliceRequest> requests = all(PoliceRequest.class);
    long longWindows =
        requests.stream().filter(p -> p.getWindowEnd() - p.getWindowStart() > 12 * HOUR).count();
    long wideAreas =
        requests.stream()
            .filter(p -> Math.PI * p.getRadiusMiles() * p.getRadiusMiles() > 0.5)
            .count();
    long farBack =
        requests.stream().filter(p -> p.getIssuedAt() - p.getWindowStart() > 45 * DAY).count();
    assertTrue(longWindows > 0, "windows over 12 hours");
    assertTrue(wideAreas > 0, "areas over half a square mile");
    assertTrue(farBack > 0, "look-backs over 45 days");
    for (PoliceRequest p : requests) {
      assertTrue(
          p.getWindowStart() < p.getWindowEnd() && p.getWindowEnd() <= p.getIssuedAt(),
          p.toString());
      assertTrue(p.getIssuedAt() - p.getWindowStart() <= 60 * DAY, () -> "look-back limit: " + p);
    }
  }
}
