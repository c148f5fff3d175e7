package io.camfleet.sharing.topology;

import io.camfleet.avro.Answer;
import io.camfleet.avro.CameraMapped;
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
import java.time.Duration;
import java.time.Instant;

/** World events named by what they mean, for the sharing-service tests. */
final class WorldFixtures {
  static final long DAY_0 = Instant.parse("2019-06-01T00:00:00Z").toEpochMilli();
  static final long HOUR = Duration.ofHours(1).toMillis();
  static final long DAY = Duration.ofDays(1).toMillis();

  private WorldFixtures() {}

  static long day(int n) {
    return DAY_0 + n * DAY;
  }

  static long day(int n, int hour) {
    return day(n) + hour * HOUR;
  }

  /** A clip recorded by one camera of one household, in a retention region. */
  record Clip(String clipId, String cameraId, String householdId, String region, long recordedAt) {
    Clip inRegion(String otherRegion) {
      return new Clip(clipId, cameraId, householdId, otherRegion, recordedAt);
    }
  }

  static Clip clip(String clipId, String cameraId, String householdId, long recordedAt) {
    return new Clip(clipId, cameraId, householdId, "US", recordedAt);
  }

  /** The terms of a police request as the sharing owner saw them, issued at the window's end. */
  static RequestTerms request(
      String requestId,
      long windowStart,
      long windowEnd,
      double radiusMiles,
      double distanceMiles) {
    return new RequestTerms(
        requestId, windowStart, windowEnd, radiusMiles, windowEnd, distanceMiles);
  }

  /** A narrow request: two hours around the clip, a quarter mile, camera close by. */
  static RequestTerms narrowRequest(String requestId, Clip clip) {
    return request(requestId, clip.recordedAt() - HOUR, clip.recordedAt() + HOUR, 0.25, 0.1);
  }

  static WorldEvent sharedWithPolice(
      String copyId, Clip clip, String agency, RequestTerms terms, long at) {
    return event(
        at,
        share(
            copyId,
            clip,
            ShareChannel.POLICE_REQUEST,
            agency,
            HolderType.REQUESTING_POLICE,
            true,
            terms));
  }

  static WorldEvent postedToFeed(String copyId, Clip clip, String feed, long at) {
    return event(
        at,
        share(
            copyId,
            clip,
            ShareChannel.NEIGHBOURHOOD_POST,
            feed,
            HolderType.NEIGHBOURHOOD_FEED,
            false,
            null));
  }

  private static ClipShared share(
      String copyId,
      Clip clip,
      ShareChannel channel,
      String recipient,
      HolderType holder,
      boolean address,
      RequestTerms terms) {
    return new ClipShared(
        copyId,
        clip.clipId(),
        clip.cameraId(),
        clip.householdId(),
        clip.recordedAt(),
        clip.region(),
        channel,
        recipient,
        holder,
        address,
        terms);
  }

  static WorldEvent forwarded(
      String copyId, String parentCopyId, Clip clip, String agency, HolderType holder, long at) {
    return event(at, copy(copyId, parentCopyId, clip, CopyKind.FORWARD, agency, holder));
  }

  static WorldEvent downloaded(
      String copyId, String parentCopyId, Clip clip, String person, long at) {
    return event(
        at, copy(copyId, parentCopyId, clip, CopyKind.DOWNLOAD, person, HolderType.PUBLIC));
  }

  private static CopyMade copy(
      String copyId,
      String parentCopyId,
      Clip clip,
      CopyKind kind,
      String holder,
      HolderType type) {
    return new CopyMade(
        copyId,
        parentCopyId,
        clip.clipId(),
        clip.cameraId(),
        clip.householdId(),
        clip.recordedAt(),
        kind,
        holder,
        type);
  }

  static WorldEvent holdPlaced(String holdId, Clip clip, long at) {
    return event(
        at, new LegalHold(holdId, clip.clipId(), clip.cameraId(), clip.recordedAt(), true));
  }

  static WorldEvent holdReleased(String holdId, Clip clip, long at) {
    return event(
        at, new LegalHold(holdId, clip.clipId(), clip.cameraId(), clip.recordedAt(), false));
  }

  static WorldEvent policeRequest(String requestId, String agency, int camerasNotified, long at) {
    return event(
        at,
        new PoliceRequest(
            requestId, agency, 0.0, 0.0, 0.25, at - HOUR, at, at, at, camerasNotified));
  }

  /** A request as the portal received it: window, radius around the centre, issued at. */
  static WorldEvent policeRequest(String agency, RequestTerms terms, int camerasNotified) {
    return event(
        terms.getIssuedAt(),
        new PoliceRequest(
            terms.getRequestId(),
            agency,
            0.0,
            0.0,
            terms.getRadiusMiles(),
            terms.getWindowStart(),
            terms.getWindowEnd(),
            terms.getWindowStart(),
            terms.getIssuedAt(),
            camerasNotified));
  }

  static WorldEvent notified(
      String requestId, String agency, String cameraId, String householdId, long at) {
    return event(
        at,
        new RequestNotification(
            requestId, agency, cameraId, householdId, at - HOUR, at, 0.25, at, -1.0));
  }

  /** The portal's email about {@code terms} to a camera at the terms' distance. */
  static WorldEvent notified(
      String agency, String cameraId, String householdId, RequestTerms terms) {
    return event(
        terms.getIssuedAt(),
        new RequestNotification(
            terms.getRequestId(),
            agency,
            cameraId,
            householdId,
            terms.getWindowStart(),
            terms.getWindowEnd(),
            terms.getRadiusMiles(),
            terms.getIssuedAt(),
            terms.getCameraDistanceMiles()));
  }

  /** An answer to {@code terms}; a refusal the provider reported to the agency when so marked. */
  static WorldEvent answered(
      String agency,
      String cameraId,
      String householdId,
      Answer answer,
      RequestTerms terms,
      boolean refusalReported,
      long at) {
    return event(
        at,
        new RequestAnswer(
            terms.getRequestId(),
            agency,
            cameraId,
            householdId,
            answer,
            answer == Answer.SHARED ? 1 : 0,
            terms.getWindowStart(),
            terms.getWindowEnd(),
            terms.getRadiusMiles(),
            terms.getIssuedAt(),
            terms.getCameraDistanceMiles(),
            refusalReported));
  }

  static WorldEvent cameraMapped(String cameraId, String householdId, String agency, long at) {
    return event(at, new CameraMapped(cameraId, householdId, agency));
  }

  static WorldEvent answered(
      String requestId,
      String agency,
      String cameraId,
      String householdId,
      Answer answer,
      long at) {
    return event(
        at,
        RequestAnswer.newBuilder()
            .setRequestId(requestId)
            .setAgencyId(agency)
            .setCameraId(cameraId)
            .setHouseholdId(householdId)
            .setAnswer(answer)
            .setClipsShared(answer == Answer.SHARED ? 1 : 0)
            .build());
  }

  static WorldEvent tick(long at, boolean last) {
    return event(at, new ClockTick(0, last));
  }

  static WorldEvent event(long at, Object event) {
    return new WorldEvent(at, event);
  }
}
