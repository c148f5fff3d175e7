package io.camfleet.policy;

import io.camfleet.avro.ClipShared;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.PoliceRequest;
import io.camfleet.avro.RequestAnswer;
import io.camfleet.avro.RequestNotification;
import io.camfleet.avro.RequestTerms;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The request portal under a policy whose caps act there ({@code requests.enforcedAt: portal}), as
 * pure functions of a request's terms: a request that breaks a minimum, or asks while the portal is
 * closed, is refused whole; one that reaches past a maximum is narrowed (the window clipped to its
 * first hours, the radius cut to the maximum area, the start moved up to the look-back) before any
 * email goes out. Only owners inside the narrowed area are emailed, only their answers count, and
 * only the clips inside the narrowed window are shared.
 *
 * <p>The portal cuts only what the caps cut: a camera's distance and a clip's time are checked
 * against the caps, not against the request's own radius and window (those are the world's), so
 * with identical caps the portal admits exactly the shares that enforcement at the share admits. A
 * camera at an unknown distance (-1, logs written before distances were recorded) counts as inside
 * any area. Under caps enforced at the share, the portal sends every request as asked.
 */
public final class Portal {
  private static final long HOUR_MS = Duration.ofHours(1).toMillis();
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  private Portal() {}

  /** A request's terms as the portal receives them. */
  public record Terms(long windowStart, long windowEnd, double radiusMiles, long issuedAt) {

    public static Terms of(PoliceRequest request) {
      return new Terms(
          request.getWindowStart(),
          request.getWindowEnd(),
          request.getRadiusMiles(),
          request.getIssuedAt());
    }

    public static Terms of(RequestNotification notification) {
      return new Terms(
          notification.getWindowStart(),
          notification.getWindowEnd(),
          notification.getRadiusMiles(),
          notification.getIssuedAt());
    }

    public static Terms of(RequestAnswer answer) {
      return new Terms(
          answer.getWindowStart(),
          answer.getWindowEnd(),
          answer.getRadiusMiles(),
          answer.getIssuedAt());
    }

    public static Terms of(RequestTerms request) {
      return new Terms(
          request.getWindowStart(),
          request.getWindowEnd(),
          request.getRadiusMiles(),
          request.getIssuedAt());
    }

    double windowMinutes() {
      return (windowEnd - windowStart) / 60_000.0;
    }

    double areaSquareMiles() {
      return Math.PI * radiusMiles * radiusMiles;
    }
  }

  /** A dimension on which the portal cut a request. */
  public enum Narrowing {
    /** The window was clipped to the maximum window, counted from its start. */
    WINDOW,
    /** The radius was cut to the maximum area. */
    AREA,
    /** The window's start was moved up to the look-back. */
    LOOK_BACK
  }

  /** What the portal does with one request. */
  public sealed interface Outcome {}

  /** The portal refused the request whole: no email goes out. */
  public record Refused(CopyReceiptCause cause, String reason) implements Outcome {}

  /**
   * The portal sent the request, within {@code scope}; {@code narrowedOn} names each dimension it
   * cut (empty: sent as asked).
   */
  public record Sent(Terms scope, Set<Narrowing> narrowedOn) implements Outcome {
    public Sent {
      narrowedOn = narrowedOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(narrowedOn));
    }

    public boolean narrowed() {
      return !narrowedOn.isEmpty();
    }
  }

  /**
   * The portal's decision on a request: refused with the first cause in the order portal closed,
   * window below minimum, area below minimum, nothing left after narrowing (past the look-back);
   * otherwise sent within the narrowed scope.
   */
  public static Outcome decide(RequestCaps caps, Terms terms) {
    if (!caps.atPortal()) {
      return new Sent(terms, Set.of());
    }
    if (!caps.open()) {
      return new Refused(CopyReceiptCause.PORTAL_CLOSED, "the portal takes no requests");
    }
    if (caps.minWindowMinutes() != null && terms.windowMinutes() < caps.minWindowMinutes()) {
      return new Refused(
          CopyReceiptCause.WINDOW_BELOW_MINIMUM,
          String.format(
              "request window %.0f min is below the minimum %.0f min",
              terms.windowMinutes(), caps.minWindowMinutes()));
    }
    if (caps.minAreaSquareMiles() != null && terms.areaSquareMiles() < caps.minAreaSquareMiles()) {
      return new Refused(
          CopyReceiptCause.AREA_BELOW_MINIMUM,
          String.format(
              "request area %.3f sq mi is below the minimum %.3f sq mi",
              terms.areaSquareMiles(), caps.minAreaSquareMiles()));
    }
    Set<Narrowing> cuts = EnumSet.noneOf(Narrowing.class);
    long start = terms.windowStart();
    long end = terms.windowEnd();
    double radius = terms.radiusMiles();
    Long windowEnd = windowEndCap(caps, terms);
    if (windowEnd != null && windowEnd < end) {
      end = windowEnd;
      cuts.add(Narrowing.WINDOW);
    }
    Long lookBack = lookBackCap(caps, terms);
    if (lookBack != null && lookBack > start) {
      start = lookBack;
      cuts.add(Narrowing.LOOK_BACK);
    }
    Double allowedRadius = radiusCap(caps);
    if (allowedRadius != null && allowedRadius < radius) {
      radius = allowedRadius;
      cuts.add(Narrowing.AREA);
    }
    if (cuts.contains(Narrowing.LOOK_BACK) && start >= end) {
      return new Refused(
          CopyReceiptCause.PAST_LOOK_BACK,
          String.format(
              "the whole request window lies before the %.0f-day look-back",
              caps.maxLookBackDays()));
    }
    return new Sent(new Terms(start, end, radius, terms.issuedAt()), cuts);
  }

  /**
   * Whether the portal emails the owner of a camera {@code cameraDistanceMiles} from the request's
   * centre (-1: unknown, inside): the request is sent and the camera lies inside its narrowed area.
   */
  public static boolean notifies(RequestCaps caps, Terms terms, double cameraDistanceMiles) {
    if (!(decide(caps, terms) instanceof Sent)) {
      return false;
    }
    Double allowedRadius = caps.atPortal() ? radiusCap(caps) : null;
    return allowedRadius == null || cameraDistanceMiles < 0 || cameraDistanceMiles <= allowedRadius;
  }

  /** Whether the portal sent the notification (and so whether an answer to it counts). */
  public static boolean notifies(RequestCaps caps, RequestNotification notification) {
    return notifies(caps, Terms.of(notification), notification.getCameraDistanceMiles());
  }

  /**
   * Whether an answer counts: its notification was sent. An answer from a log written before
   * answers carried the request's terms (no window, issued at 0) counts.
   */
  public static boolean counts(RequestCaps caps, RequestAnswer answer) {
    if (answer.getIssuedAt() == 0 && answer.getWindowStart() == 0 && answer.getWindowEnd() == 0) {
      return true;
    }
    return notifies(caps, Terms.of(answer), answer.getCameraDistanceMiles());
  }

  /**
   * Whether a police share falls inside what the portal asked for: its owner was emailed and the
   * clip lies inside the narrowed window. Anything else is {@link Decision.NotRequested}, with the
   * portal's cut as its cause. Shares not answering a request, and every share under caps enforced
   * at the share, are allowed here.
   */
  public static Decision admitShare(RequestCaps caps, ClipShared share) {
    if (!caps.atPortal() || share.getRequest() == null) {
      return Decision.ALLOWED;
    }
    RequestTerms request = share.getRequest();
    Terms terms = Terms.of(request);
    if (decide(caps, terms) instanceof Refused refused) {
      return new Decision.NotRequested(
          refused.cause(), "the portal refused the request: " + refused.reason());
    }
    if (!notifies(caps, terms, request.getCameraDistanceMiles())) {
      double allowedRadius = radiusCap(caps);
      return new Decision.NotRequested(
          CopyReceiptCause.OUTSIDE_AREA,
          String.format(
              "the portal did not email this camera: %.2f mi from the request's centre, beyond the"
                  + " %.2f mi of a %.3f sq mi area",
              request.getCameraDistanceMiles(), allowedRadius, caps.maxAreaSquareMiles()));
    }
    long recordedAt = share.getClipRecordedAt();
    Long windowEnd = windowEndCap(caps, terms);
    if (windowEnd != null && recordedAt >= windowEnd) {
      return new Decision.NotRequested(
          CopyReceiptCause.OUTSIDE_WINDOW,
          String.format(
              "the portal asked only for the first %.1f h of the window; the clip lies after them",
              caps.maxWindowHours()));
    }
    Long lookBack = lookBackCap(caps, terms);
    if (lookBack != null && recordedAt < lookBack) {
      return new Decision.NotRequested(
          CopyReceiptCause.PAST_LOOK_BACK,
          String.format(
              "the portal asked only for the last %.0f days; the clip is older",
              caps.maxLookBackDays()));
    }
    return Decision.ALLOWED;
  }

  private static Long windowEndCap(RequestCaps caps, Terms terms) {
    return caps.maxWindowHours() == null
        ? null
        : terms.windowStart() + (long) (caps.maxWindowHours() * HOUR_MS);
  }

  private static Long lookBackCap(RequestCaps caps, Terms terms) {
    return caps.maxLookBackDays() == null
        ? null
        : terms.issuedAt() - (long) (caps.maxLookBackDays() * DAY_MS);
  }

  private static Double radiusCap(RequestCaps caps) {
    return caps.maxAreaSquareMiles() == null
        ? null
        : Math.sqrt(caps.maxAreaSquareMiles() / Math.PI);
  }
}
