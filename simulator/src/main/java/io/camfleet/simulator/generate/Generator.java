package io.camfleet.simulator.generate;

import io.camfleet.avro.Answer;
import io.camfleet.avro.CameraInstalled;
import io.camfleet.avro.CameraMapped;
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
import io.camfleet.avro.RequestTerms;
import io.camfleet.avro.ShareChannel;
import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.Runs;
import io.camfleet.simulator.world.World;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Generates a world's events in event-time order: a pure function of the world file, the seed and
 * the shard, with no clock and no I/O. Cameras' clips come from a heap of per-camera cursors;
 * installations and police requests from plans made up front; answers, shares, forwards, feed
 * posts, downloads and legal holds from an agenda of what is due. Memory holds the cameras and what
 * is pending, never past events.
 *
 * <p>A shard owns the Kafka partitions {@code p} with {@code p % shardCount == shardIndex}: it
 * emits every event whose key falls in them (a camera's events, a request, the ticks), so each
 * partition has exactly one writer and the shards' union is the whole stream. Every shard knows the
 * whole fleet and every request, since a request's reach and count span shards; all randomness is
 * drawn from streams seeded by the world's seed and entity ids, never from a shared sequence.
 *
 * <p>At equal event times the order is: installations, requests and their notifications, agenda
 * items in the order they were scheduled, clips (by camera), clock ticks.
 */
public final class Generator {

  /** What a receiver of events keeps for one camera's clip events ({@link Emitter#cameraParts}). */
  public interface CameraParts {}

  /**
   * Receives each event; the event object is reused for the next one, so a receiver must not keep
   * it.
   */
  @FunctionalInterface
  public interface Emitter {
    /** {@code partition} is -1 when the default partitioner decides from the key. */
    void emit(String key, int partition, WorldEvent event);

    /**
     * What the receiver keeps for the clip events of one camera, which all share their key, camera,
     * household and region (encoded once rather than on every clip, say); null when it keeps
     * nothing. Called once per camera, when it is installed, before its first clip.
     */
    default CameraParts cameraParts(
        String key, String cameraId, String householdId, String region) {
      return null;
    }

    /**
     * A {@link ClipRecorded} event with the default partitioner. Its clip id is {@code id} and not
     * in the event (null there), so that a receiver that writes bytes need not make its text;
     * {@code parts} is what {@link #cameraParts} returned for its camera. By default the event,
     * with its id, goes to {@link #emit}.
     */
    default void emitClip(String key, WorldEvent event, CameraParts parts, ClipId id) {
      ((ClipRecorded) event.getEvent()).setClipId(id.text());
      emit(key, -1, RECORDED, event);
    }

    /**
     * As {@link #emit(String, int, WorldEvent)}, with the event's {@link #typeOf type} given, so
     * that a receiver that counts by type need not find it.
     */
    default void emit(String key, int partition, int type, WorldEvent event) {
      emit(key, partition, event);
    }
  }

  /** Avro record names of the world's events, in the schema's order; a type is an index here. */
  public static final List<String> EVENT_TYPES =
      List.of(
          "CameraInstalled",
          "ClipRecorded",
          "PoliceRequest",
          "RequestNotification",
          "RequestAnswer",
          "ClipShared",
          "CopyMade",
          "LegalHold",
          "ClockTick",
          "CameraMapped");

  private static final ClassValue<Integer> TYPES =
      new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
          int index = EVENT_TYPES.indexOf(type.getSimpleName());
          if (index < 0 || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("not a world event: " + type.getName());
          }
          return index;
        }
      };

  /** The type of an event body: the index of its record's name in {@link #EVENT_TYPES}. */
  public static int typeOf(Object body) {
    return TYPES.get(body.getClass());
  }

  private static final int INSTALLED = TYPES.get(CameraInstalled.class);
  private static final int RECORDED = TYPES.get(ClipRecorded.class);
  private static final int POLICE_REQUEST = TYPES.get(PoliceRequest.class);
  private static final int NOTIFICATION = TYPES.get(RequestNotification.class);
  private static final int ANSWER = TYPES.get(RequestAnswer.class);
  private static final int SHARED = TYPES.get(ClipShared.class);
  private static final int COPY = TYPES.get(CopyMade.class);
  private static final int HOLD = TYPES.get(LegalHold.class);
  private static final int TICK = TYPES.get(ClockTick.class);
  private static final int MAPPED = TYPES.get(CameraMapped.class);

  private final World world;
  private final int shardIndex;
  private final int shardCount;
  private final int partitions;
  private final long seed;
  private final long start;
  private final long horizon;
  private final long tickMs;
  private final Cameras cameras;
  private final ClipModel clips;
  private final List<PlannedRequest> requests;
  private final boolean[] ownsPartition;
  private final String[] regionNames;
  private final String[] agencyIds;
  private final boolean[] federal;
  private final boolean[] localOnly;
  private final long federalMask;
  private final int[] jurisdictionAgency;
  private final double[] forwardWeight;
  private final Sampler answerDelay;
  private final Sampler postDelay;
  private final Sampler downloadDelay;
  private final Sampler forwardDelay;
  private final Sampler holdDelay;
  private final long lapseMs;

  private final WorldEvent event = new WorldEvent();
  private final CameraInstalled installed = new CameraInstalled();
  private final ClipRecorded recorded = new ClipRecorded();
  private final PoliceRequest policeRequest = new PoliceRequest();
  private final RequestNotification notification = new RequestNotification();
  private final RequestAnswer answer = new RequestAnswer();
  private final ClipShared shared = new ClipShared();
  private final RequestTerms terms = new RequestTerms();
  private final CopyMade copy = new CopyMade();
  private final LegalHold hold = new LegalHold();
  private final CameraMapped mapped = new CameraMapped();
  private final ClockTick tick = new ClockTick();

  /** The id of the clip being emitted. */
  private final ClipId clipId = new ClipId();

  private final DueQueue<Task> agenda = new DueQueue<>();

  /** The earliest agenda time known to the clip loop; lowered when a clip schedules a feed post. */
  private long nextTaskTime;

  private Emitter out;

  public Generator(World world, int shardIndex, int shardCount, int partitions) {
    this(world, shardIndex, shardCount, partitions, Runs.SINGLE);
  }

  /**
   * The generator of one run ({@link Runs}) of a topic that carries several: every id it makes
   * holds the run ({@link Runs#idPrefix}); the events are otherwise those of the run's world alone.
   */
  public Generator(World world, int shardIndex, int shardCount, int partitions, String run) {
    if (partitions < 1 || partitions > Partitions.MAX) {
      throw new IllegalArgumentException(
          "partitions must be between 1 and " + Partitions.MAX + ", not " + partitions);
    }
    if (shardCount < 1 || shardCount > partitions) {
      throw new IllegalArgumentException(
          "the shard count must be between 1 and the "
              + partitions
              + " partitions (a partition has one writer), not "
              + shardCount);
    }
    if (shardIndex < 0 || shardIndex >= shardCount) {
      throw new IllegalArgumentException(
          "shard index must be between 0 and " + (shardCount - 1) + ", not " + shardIndex);
    }
    this.world = world;
    this.shardIndex = shardIndex;
    this.shardCount = shardCount;
    this.partitions = partitions;
    this.seed = world.seed();
    this.start = world.startInstant().toEpochMilli();
    this.horizon = world.horizon().toEpochMilli();
    this.tickMs = world.tickMinutes() * 60_000L;
    String idPrefix = Runs.idPrefix(run);
    this.cameras = new Cameras(world, partitions, idPrefix);
    this.clips = new ClipModel(world);
    this.requests = RequestPlan.of(world, partitions, idPrefix);
    this.ownsPartition = new boolean[partitions];
    for (int p = 0; p < partitions; p++) {
      ownsPartition[p] = p % shardCount == shardIndex;
    }
    this.regionNames = cameras.regionNames.toArray(String[]::new);
    int agencies = world.agencies().size();
    this.agencyIds = new String[agencies];
    this.federal = new boolean[agencies];
    this.localOnly = new boolean[agencies];
    this.forwardWeight = new double[agencies];
    for (int a = 0; a < agencies; a++) {
      World.Agency agency = world.agencies().get(a);
      agencyIds[a] = agency.id();
      federal[a] = agency.kind() == World.AgencyKind.FEDERAL;
      localOnly[a] = agency.forwardsLocallyOnly();
      forwardWeight[a] = agency.forwardWeight();
    }
    List<String> ids = List.of(agencyIds);
    this.jurisdictionAgency = cameras.jurisdictions.stream().mapToInt(ids::indexOf).toArray();
    long mask = 0;
    for (int a = 0; a < agencies; a++) {
      mask |= federal[a] ? 1L << a : 0L;
    }
    this.federalMask = mask;
    this.answerDelay = new Sampler(world.residents().answerDelayHours());
    this.postDelay = new Sampler(world.feed().postDelayMinutes());
    this.downloadDelay = new Sampler(world.feed().downloadDelayHours());
    this.forwardDelay = new Sampler(world.forwarding().delayDays());
    this.holdDelay = new Sampler(world.legalHolds().placedAfterDays());
    this.lapseMs = world.residents().lapseDays() * Cameras.DAY_MS;
  }

  /**
   * Emits the shard's events in event-time order, ending with a {@code last} tick on each owned
   * partition at the horizon.
   */
  public void run(Emitter emitter) {
    this.out = emitter;
    for (World.DeviceMap map : world.portal().deviceMaps()) {
      if (map.atMillis() >= start) {
        schedule(new MapGiven(map.atMillis(), List.of(agencyIds).indexOf(map.agency())));
      }
    }
    int[] mine = ownedCameras();
    ClipCursor[] cursors = new ClipCursor[cameras.count];
    ClipHeap heap = new ClipHeap(mine.length, start, World.cameraBits(cameras.count));
    int nextInstall = 0;
    int nextRequest = 0;
    long nextTick = start + tickMs;

    while (true) {
      long tInstall =
          nextInstall < mine.length ? cameras.installAt[mine[nextInstall]] : Long.MAX_VALUE;
      long tRequest =
          nextRequest < requests.size() ? requests.get(nextRequest).issuedAt() : Long.MAX_VALUE;
      long tTask = agenda.firstTime();
      // clips come after installations, requests and agenda items at the same time, and before
      // ticks
      long clipsBefore =
          Math.min(Math.min(Math.min(tInstall, tRequest), tTask), Math.min(nextTick + 1, horizon));
      nextTaskTime = tTask;
      while (heap.size() > 0) {
        long t = heap.topTime();
        if (t >= clipsBefore || t >= nextTaskTime) {
          break;
        }
        int c = heap.topCamera();
        ClipCursor cursor = cursors[c];
        emitClip(c, cursor);
        cursor.advance();
        if (cursor.time < horizon) {
          heap.replaceTop(cursor.time, c);
        } else {
          heap.removeTop();
        }
      }
      long t = Math.min(Math.min(Math.min(tInstall, tRequest), agendaTime()), nextTick);
      if (t >= horizon) {
        break;
      }
      if (tInstall == t) {
        int c = mine[nextInstall++];
        emitInstalled(c);
        String region = regionNames[cameras.region[c]];
        ClipCursor cursor =
            new ClipCursor(clips, c, cameras.profile[c], cameras.activityFactor[c], t, t)
                .carrying(
                    cameras.ids[c],
                    cameras.households[c],
                    region,
                    cameras.feedMember[c],
                    out.cameraParts(cameras.ids[c], cameras.ids[c], cameras.households[c], region));
        cursor.advance();
        cursors[c] = cursor;
        if (cursor.time < horizon) {
          heap.add(cursor.time, c);
        }
      } else if (tRequest == t) {
        issue(requests.get(nextRequest++));
      } else if (agendaTime() == t) {
        agenda.poll().run(this);
      } else if (heap.size() > 0 && heap.topTime() <= t) {
        continue;
      } else {
        emitClockTicks(t);
        nextTick += tickMs;
      }
    }
    emitFinalTicks(horizon);
    agenda.clear();
    this.out = null;
  }

  private long agendaTime() {
    return agenda.firstTime();
  }

  /**
   * A 4-ary min-heap of cameras by the time of their next clip, each entry one long: the time since
   * the start in the high bits and the camera in the low {@code cameraBits}, so ties go to the
   * lower camera. {@link World#maxDays} keeps the time within the high bits.
   */
  private static final class ClipHeap {
    private final int cameraBits;
    private final long cameraMask;
    private final long[] entries;
    private final long origin;
    private int size;

    ClipHeap(int capacity, long origin, int cameraBits) {
      this.entries = new long[Math.max(1, capacity)];
      this.origin = origin;
      this.cameraBits = cameraBits;
      this.cameraMask = (1L << cameraBits) - 1;
    }

    int size() {
      return size;
    }

    long topTime() {
      return (entries[0] >>> cameraBits) + origin;
    }

    int topCamera() {
      return (int) (entries[0] & cameraMask);
    }

    void add(long time, int camera) {
      long entry = ((time - origin) << cameraBits) | camera;
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 2;
        if (entries[parent] <= entry) {
          break;
        }
        entries[i] = entries[parent];
        i = parent;
      }
      entries[i] = entry;
    }

    void replaceTop(long time, int camera) {
      siftDown(((time - origin) << cameraBits) | camera);
    }

    void removeTop() {
      long last = entries[--size];
      if (size > 0) {
        siftDown(last);
      }
    }

    private void siftDown(long entry) {
      int i = 0;
      int n = size;
      while (true) {
        int first = 4 * i + 1;
        if (first >= n) {
          break;
        }
        int best = first;
        long bestEntry = entries[first];
        int end = Math.min(first + 4, n);
        for (int k = first + 1; k < end; k++) {
          if (entries[k] < bestEntry) {
            best = k;
            bestEntry = entries[k];
          }
        }
        if (entry <= bestEntry) {
          break;
        }
        entries[i] = bestEntry;
        i = best;
      }
      entries[i] = entry;
    }
  }

  private static boolean before(long timeA, int cameraA, long timeB, int cameraB) {
    return timeA < timeB || (timeA == timeB && cameraA < cameraB);
  }

  private int[] ownedCameras() {
    int n = 0;
    for (int c = 0; c < cameras.count; c++) {
      if (ownsPartition[cameras.partition[c]]) {
        n++;
      }
    }
    Integer[] order = new Integer[n];
    n = 0;
    for (int c = 0; c < cameras.count; c++) {
      if (ownsPartition[cameras.partition[c]]) {
        order[n++] = c;
      }
    }
    java.util.Arrays.sort(
        order,
        (a, b) ->
            before(cameras.installAt[a], a, cameras.installAt[b], b) ? -1 : a.equals(b) ? 0 : 1);
    int[] result = new int[n];
    for (int i = 0; i < n; i++) {
      result[i] = order[i];
    }
    return result;
  }

  private boolean ownsCamera(int c) {
    return ownsPartition[cameras.partition[c]];
  }

  // ---------------------------------------------------------------- emission

  private void emit(String key, int partition, long time, int type, Object body) {
    event.setEventTime(time);
    event.setEvent(body);
    out.emit(key, partition, type, event);
  }

  private void emitInstalled(int c) {
    installed.setCameraId(cameras.ids[c]);
    installed.setHouseholdId(cameras.households[c]);
    installed.setNeighbourhood(cameras.neighbourhoodIds.get(cameras.neighbourhood[c]));
    installed.setXMiles(cameras.x[c]);
    installed.setYMiles(cameras.y[c]);
    installed.setJurisdiction(cameras.jurisdictions.get(cameras.neighbourhood[c]));
    installed.setRegion(regionNames[cameras.region[c]]);
    installed.setOptedOutOfRequests(cameras.optedOutAt(c, cameras.installAt[c]));
    installed.setFeedMember(cameras.feedMember[c]);
    emit(cameras.ids[c], -1, cameras.installAt[c], INSTALLED, installed);
  }

  private void emitClip(int c, ClipCursor cursor) {
    ClipId id = clipId.set(cursor.clipPrefix, cursor.clipPrefixBytes, cursor.day, cursor.index);
    recorded.setClipId(null);
    recorded.setCameraId(cursor.cameraId);
    recorded.setHouseholdId(cursor.householdId);
    recorded.setRegion(cursor.region);
    recorded.setRecordedAt(cursor.time);
    recorded.setDurationSeconds(cursor.durationSeconds);
    recorded.setSizeBytes(cursor.sizeBytes);
    event.setEventTime(cursor.time);
    event.setEvent(recorded);
    out.emitClip(cursor.cameraId, event, cursor.parts, id);
    if (cursor.feedMember && cursor.postDraw < world.feed().postProbability()) {
      Rng rng = new Rng(Rng.seed(seed, Rng.POST, c, ((long) cursor.day << 32) | cursor.index));
      long postAt = cursor.time + cursor.durationSeconds * 1000L + minutes(postDelay.sample(rng));
      schedule(new Post(postAt, c, id.text(), cursor.time, rng));
    }
  }

  /** A replayed clip's id, the same as the live clip's. */
  private String clipId(int c, int day, int index) {
    return ClipId.text(cameras.ids[c], day, index);
  }

  /** A clock tick on each owned partition at {@code time}. */
  private void emitClockTicks(long time) {
    emitTicks(time, false);
  }

  /**
   * The last tick on each owned partition, at the horizon: the services close the world's final day
   * on it.
   */
  private void emitFinalTicks(long horizon) {
    emitTicks(horizon, true);
  }

  private void emitTicks(long time, boolean last) {
    for (int p = 0; p < partitions; p++) {
      if (ownsPartition[p]) {
        tick.setPartition(p);
        tick.setLast(last);
        emit(TICK_KEYS[p], p, time, TICK, tick);
      }
    }
  }

  private static final String[] TICK_KEYS = new String[128];

  static {
    for (int p = 0; p < TICK_KEYS.length; p++) {
      TICK_KEYS[p] = "tick-" + p;
    }
  }

  // ---------------------------------------------------------------- requests and answers

  private void issue(PlannedRequest r) {
    int[] reached = cameras.inRange(r.x(), r.y(), r.radiusMiles(), r.issuedAt());
    String agency = agencyIds[r.agency()];
    if (ownsPartition[r.partition()]) {
      policeRequest.setRequestId(r.id());
      policeRequest.setAgencyId(agency);
      policeRequest.setXMiles(r.x());
      policeRequest.setYMiles(r.y());
      policeRequest.setRadiusMiles(r.radiusMiles());
      policeRequest.setWindowStart(r.windowStart());
      policeRequest.setWindowEnd(r.windowEnd());
      policeRequest.setIncidentAt(r.incidentAt());
      policeRequest.setIssuedAt(r.issuedAt());
      policeRequest.setCamerasNotified(reached.length);
      emit(r.id(), -1, r.issuedAt(), POLICE_REQUEST, policeRequest);
    }
    World.Residents residents = world.residents();
    for (int c : reached) {
      if (!ownsCamera(c)) {
        continue;
      }
      notification.setRequestId(r.id());
      notification.setAgencyId(agency);
      notification.setCameraId(cameras.ids[c]);
      notification.setHouseholdId(cameras.households[c]);
      notification.setWindowStart(r.windowStart());
      notification.setWindowEnd(r.windowEnd());
      notification.setRadiusMiles(r.radiusMiles());
      notification.setIssuedAt(r.issuedAt());
      notification.setCameraDistanceMiles(cameras.distance(c, r.x(), r.y()));
      emit(cameras.ids[c], -1, r.issuedAt(), NOTIFICATION, notification);

      Rng rng = new Rng(Rng.seed(seed, Rng.ANSWER, r.index(), c));
      double u = rng.nextDouble();
      Answer kind =
          u < residents.shareProbability()
              ? Answer.SHARED
              : u < residents.shareProbability() + residents.declineProbability()
                  ? Answer.DECLINED
                  : Answer.IGNORED;
      long delay =
          kind == Answer.IGNORED
              ? lapseMs
              : Math.max(1, (long) (answerDelay.sample(rng) * ClipModel.HOUR_MS));
      schedule(new Reply(r.issuedAt() + delay, r, c, kind));
    }
  }

  private void reply(Reply reply) {
    PlannedRequest r = reply.request;
    int c = reply.camera;
    String[] clipIds = null;
    long[] recordedAt = null;
    int found = 0;
    if (reply.kind == Answer.SHARED) {
      // the resident sends every clip the camera recorded inside the requested window
      ClipCursor cursor =
          new ClipCursor(
              clips,
              c,
              cameras.profile[c],
              cameras.activityFactor[c],
              cameras.installAt[c],
              r.windowStart());
      clipIds = new String[8];
      recordedAt = new long[8];
      for (cursor.advance(); cursor.time <= r.windowEnd(); cursor.advance()) {
        if (found == clipIds.length) {
          clipIds = java.util.Arrays.copyOf(clipIds, found * 2);
          recordedAt = java.util.Arrays.copyOf(recordedAt, found * 2);
        }
        clipIds[found] = clipId(c, cursor.day, cursor.index);
        recordedAt[found++] = cursor.time;
      }
    }
    if (found > 0 && world.residents().selectiveAt(reply.time)) {
      found = choose(clipIds, recordedAt, found, r.index(), c);
    }
    // a would-be sharer whose camera recorded nothing in the window has nothing to send, and
    // declines
    Answer kind = reply.kind == Answer.SHARED && found == 0 ? Answer.DECLINED : reply.kind;
    String agency = agencyIds[r.agency()];
    double distance = cameras.distance(c, r.x(), r.y());
    answer.setRequestId(r.id());
    answer.setAgencyId(agency);
    answer.setCameraId(cameras.ids[c]);
    answer.setHouseholdId(cameras.households[c]);
    answer.setAnswer(kind);
    answer.setClipsShared(found);
    answer.setWindowStart(r.windowStart());
    answer.setWindowEnd(r.windowEnd());
    answer.setRadiusMiles(r.radiusMiles());
    answer.setIssuedAt(r.issuedAt());
    answer.setCameraDistanceMiles(distance);
    answer.setRefusalReported(kind != Answer.SHARED && world.portal().refusalsReported());
    emit(cameras.ids[c], -1, reply.time, ANSWER, answer);
    if (found == 0) {
      return;
    }
    String[] copyIds = new String[found];
    clipIds = java.util.Arrays.copyOf(clipIds, found);
    recordedAt = java.util.Arrays.copyOf(recordedAt, found);
    Rng holds = new Rng(Rng.seed(seed, Rng.HOLD, r.index(), c));
    World.LegalHolds legalHolds = world.legalHolds();
    for (int k = 0; k < found; k++) {
      copyIds[k] = "copy-" + r.id() + "-" + clipIds[k];
      terms.setRequestId(r.id());
      terms.setWindowStart(r.windowStart());
      terms.setWindowEnd(r.windowEnd());
      terms.setRadiusMiles(r.radiusMiles());
      terms.setIssuedAt(r.issuedAt());
      terms.setCameraDistanceMiles(distance);
      shared.setCopyId(copyIds[k]);
      shared.setClipId(clipIds[k]);
      shared.setCameraId(cameras.ids[c]);
      shared.setHouseholdId(cameras.households[c]);
      shared.setClipRecordedAt(recordedAt[k]);
      shared.setRegion(regionNames[cameras.region[c]]);
      shared.setChannel(ShareChannel.POLICE_REQUEST);
      shared.setRecipientId(agency);
      shared.setHolderType(HolderType.REQUESTING_POLICE);
      shared.setAddressDisclosed(true);
      shared.setRequest(terms);
      emit(cameras.ids[c], -1, reply.time, SHARED, shared);
      if (holds.nextDouble() < legalHolds.probabilityPerPoliceShare()) {
        long placedAt = reply.time + Math.max(1, days(holdDelay.sample(holds)));
        schedule(
            new Hold(
                placedAt, c, "hold-" + r.id() + "-" + clipIds[k], clipIds[k], recordedAt[k], true));
      }
    }
    World.Forwarding forwarding = world.forwarding();
    Rng rng = new Rng(Rng.seed(seed, Rng.FORWARD, r.index(), c));
    if (forwarding.maxHops() > 0 && rng.nextDouble() < forwarding.probability()) {
      long at = reply.time + Math.max(1, days(forwardDelay.sample(rng)));
      schedule(
          new Forward(at, c, 1, r.agency(), 1L << r.agency(), clipIds, recordedAt, copyIds, rng));
    }
  }

  /**
   * Selective sharing: keeps {@code max(1, round(fraction * found))} of the {@code found} clips,
   * picked uniformly from a stream of the request and camera, in their recording order; returns how
   * many.
   */
  private int choose(String[] clipIds, long[] recordedAt, int found, int request, int c) {
    int keep =
        (int) Math.max(1, Math.round(world.residents().shareFractionOfWindowClips() * found));
    if (keep >= found) {
      return found;
    }
    int[] order = new int[found];
    for (int k = 0; k < found; k++) {
      order[k] = k;
    }
    Rng rng = new Rng(Rng.seed(seed, Rng.SELECT, request, c));
    for (int k = 0; k < keep; k++) {
      int pick = k + rng.nextInt(found - k);
      int swap = order[k];
      order[k] = order[pick];
      order[pick] = swap;
    }
    int[] kept = java.util.Arrays.copyOf(order, keep);
    java.util.Arrays.sort(kept);
    for (int k = 0; k < keep; k++) {
      clipIds[k] = clipIds[kept[k]];
      recordedAt[k] = recordedAt[kept[k]];
    }
    return keep;
  }

  /**
   * A device map given to an agency: the location of every owned camera installed by then in the
   * agency's jurisdiction, in camera order.
   */
  private void mapGiven(MapGiven m) {
    for (int c = 0; c < cameras.count; c++) {
      if (ownsCamera(c)
          && cameras.installAt[c] <= m.time
          && jurisdictionAgency[cameras.neighbourhood[c]] == m.agency) {
        mapped.setCameraId(cameras.ids[c]);
        mapped.setHouseholdId(cameras.households[c]);
        mapped.setAgencyId(agencyIds[m.agency]);
        emit(cameras.ids[c], -1, m.time, MAPPED, mapped);
      }
    }
  }

  // ---------------------------------------------------------------- onward copies

  private void forward(Forward f) {
    // an agency that forwards locally only never picks a federal agency
    long closed = f.visited | (localOnly[f.holder] ? federalMask : 0L);
    double total = 0;
    for (int a = 0; a < agencyIds.length; a++) {
      if ((closed & (1L << a)) == 0) {
        total += forwardWeight[a];
      }
    }
    if (!(total > 0)) {
      return;
    }
    double u = f.rng.nextDouble() * total;
    int target = -1;
    for (int a = 0; a < agencyIds.length; a++) {
      if ((closed & (1L << a)) == 0 && forwardWeight[a] > 0) {
        target = a;
        u -= forwardWeight[a];
        if (u < 0) {
          break;
        }
      }
    }
    int c = f.camera;
    String[] copyIds = new String[f.clipIds.length];
    for (int k = 0; k < copyIds.length; k++) {
      copyIds[k] = f.parentCopyIds[k] + "/fwd-" + agencyIds[target];
      copy.setCopyId(copyIds[k]);
      copy.setParentCopyId(f.parentCopyIds[k]);
      copy.setClipId(f.clipIds[k]);
      copy.setCameraId(cameras.ids[c]);
      copy.setHouseholdId(cameras.households[c]);
      copy.setClipRecordedAt(f.recordedAt[k]);
      copy.setKind(CopyKind.FORWARD);
      copy.setHolderId(agencyIds[target]);
      copy.setHolderType(federal[target] ? HolderType.FEDERAL_AGENCY : HolderType.OTHER_AGENCY);
      emit(cameras.ids[c], -1, f.time, COPY, copy);
    }
    World.Forwarding forwarding = world.forwarding();
    if (f.hop < forwarding.maxHops() && f.rng.nextDouble() < forwarding.onwardProbability()) {
      long at = f.time + Math.max(1, days(forwardDelay.sample(f.rng)));
      schedule(
          new Forward(
              at,
              c,
              f.hop + 1,
              target,
              f.visited | (1L << target),
              f.clipIds,
              f.recordedAt,
              copyIds,
              f.rng));
    }
  }

  private void post(Post p) {
    int c = p.camera;
    String copyId = "copy-" + p.clipId + "-post";
    shared.setCopyId(copyId);
    shared.setClipId(p.clipId);
    shared.setCameraId(cameras.ids[c]);
    shared.setHouseholdId(cameras.households[c]);
    shared.setClipRecordedAt(p.recordedAt);
    shared.setRegion(regionNames[cameras.region[c]]);
    shared.setChannel(ShareChannel.NEIGHBOURHOOD_POST);
    shared.setRecipientId("feed-" + cameras.neighbourhoodIds.get(cameras.neighbourhood[c]));
    shared.setHolderType(HolderType.NEIGHBOURHOOD_FEED);
    shared.setAddressDisclosed(false);
    shared.setRequest(null);
    emit(cameras.ids[c], -1, p.time, SHARED, shared);
    int downloads = p.rng.poisson(world.feed().downloadsPerPost());
    for (int k = 0; k < downloads; k++) {
      long at = p.time + Math.max(1, (long) (downloadDelay.sample(p.rng) * ClipModel.HOUR_MS));
      String user = "user-" + p.rng.nextInt(world.feed().users());
      schedule(
          new Download(at, c, p.clipId, p.recordedAt, copyId, copyId + "/dl-" + (k + 1), user));
    }
  }

  private void download(Download d) {
    int c = d.camera;
    copy.setCopyId(d.copyId);
    copy.setParentCopyId(d.parentCopyId);
    copy.setClipId(d.clipId);
    copy.setCameraId(cameras.ids[c]);
    copy.setHouseholdId(cameras.households[c]);
    copy.setClipRecordedAt(d.recordedAt);
    copy.setKind(CopyKind.DOWNLOAD);
    copy.setHolderId(d.user);
    copy.setHolderType(HolderType.PUBLIC);
    emit(cameras.ids[c], -1, d.time, COPY, copy);
  }

  private void hold(Hold h) {
    int c = h.camera;
    hold.setHoldId(h.holdId);
    hold.setClipId(h.clipId);
    hold.setCameraId(cameras.ids[c]);
    hold.setClipRecordedAt(h.recordedAt);
    hold.setPlaced(h.placed);
    emit(cameras.ids[c], -1, h.time, HOLD, hold);
    double release = world.legalHolds().releasedAfterDays();
    if (h.placed && release > 0) {
      schedule(
          new Hold(
              h.time + Math.max(1, days(release)), c, h.holdId, h.clipId, h.recordedAt, false));
    }
  }

  // ---------------------------------------------------------------- the agenda

  private void schedule(Task task) {
    if (task.time < horizon) {
      agenda.add(task.time, task);
      nextTaskTime = Math.min(nextTaskTime, task.time);
    }
  }

  private static long days(double days) {
    return (long) (days * Cameras.DAY_MS);
  }

  private static long minutes(double minutes) {
    return Math.max(1, (long) (minutes * 60_000L));
  }

  /** Something due at a time; ties keep the order of scheduling. */
  private abstract static class Task {
    final long time;

    Task(long time) {
      this.time = time;
    }

    abstract void run(Generator g);
  }

  private static final class Reply extends Task {
    final PlannedRequest request;
    final int camera;
    final Answer kind;

    Reply(long time, PlannedRequest request, int camera, Answer kind) {
      super(time);
      this.request = request;
      this.camera = camera;
      this.kind = kind;
    }

    @Override
    void run(Generator g) {
      g.reply(this);
    }
  }

  private static final class Forward extends Task {
    final int camera;
    final int hop;

    /** The agency passing the footage on. */
    final int holder;

    final long visited;
    final String[] clipIds;
    final long[] recordedAt;
    final String[] parentCopyIds;
    final Rng rng;

    Forward(
        long time,
        int camera,
        int hop,
        int holder,
        long visited,
        String[] clipIds,
        long[] recordedAt,
        String[] parentCopyIds,
        Rng rng) {
      super(time);
      this.camera = camera;
      this.hop = hop;
      this.holder = holder;
      this.visited = visited;
      this.clipIds = clipIds;
      this.recordedAt = recordedAt;
      this.parentCopyIds = parentCopyIds;
      this.rng = rng;
    }

    @Override
    void run(Generator g) {
      g.forward(this);
    }
  }

  private static final class MapGiven extends Task {
    final int agency;

    MapGiven(long time, int agency) {
      super(time);
      this.agency = agency;
    }

    @Override
    void run(Generator g) {
      g.mapGiven(this);
    }
  }

  private static final class Post extends Task {
    final int camera;
    final String clipId;
    final long recordedAt;
    final Rng rng;

    Post(long time, int camera, String clipId, long recordedAt, Rng rng) {
      super(time);
      this.camera = camera;
      this.clipId = clipId;
      this.recordedAt = recordedAt;
      this.rng = rng;
    }

    @Override
    void run(Generator g) {
      g.post(this);
    }
  }

  private static final class Download extends Task {
    final int camera;
    final String clipId;
    final long recordedAt;
    final String parentCopyId;
    final String copyId;
    final String user;

    Download(
        long time,
        int camera,
        String clipId,
        long recordedAt,
        String parentCopyId,
        String copyId,
        String user) {
      super(time);
      this.camera = camera;
      this.clipId = clipId;
      this.recordedAt = recordedAt;
      this.parentCopyId = parentCopyId;
      this.copyId = copyId;
      this.user = user;
    }

    @Override
    void run(Generator g) {
      g.download(this);
    }
  }

  private static final class Hold extends Task {
    final int camera;
    final String holdId;
    final String clipId;
    final long recordedAt;
    final boolean placed;

    Hold(long time, int camera, String holdId, String clipId, long recordedAt, boolean placed) {
      super(time);
      this.camera = camera;
      this.holdId = holdId;
      this.clipId = clipId;
      this.recordedAt = recordedAt;
      this.placed = placed;
    }

    @Override
    void run(Generator g) {
      g.hold(this);
    }
  }
}
