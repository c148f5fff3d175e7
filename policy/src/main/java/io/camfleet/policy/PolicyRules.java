package io.camfleet.policy;

import io.camfleet.avro.ClipShared;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.RequestTerms;
import io.camfleet.avro.ShareChannel;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The decisions one policy makes, as pure functions of the events: both services ask these, so a
 * share the sharing service blocks is never counted as an exemption by the retention service.
 */
public final class PolicyRules {
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  private final Policy policy;

  PolicyRules(Policy policy) {
    this.policy = policy;
  }

  public String policyName() {
    return policy.name();
  }

  public Policy policy() {
    return policy;
  }

  /** Retention period of an account in {@code region}, in milliseconds. */
  public long retentionMillis(String region) {
    return policy.retention().daysFor(region) * DAY_MS;
  }

  /** Every retention period this policy applies, in milliseconds: the default and each region's. */
  public SortedSet<Long> retentionPeriodsMillis() {
    SortedSet<Long> periods = new TreeSet<>();
    periods.add(policy.retention().days() * DAY_MS);
    policy.retention().regions().values().forEach(days -> periods.add(days * DAY_MS));
    return periods;
  }

  /** When the original clip is due for deletion. */
  public long dueAt(String region, long recordedAt) {
    return recordedAt + retentionMillis(region);
  }

  /** Whether a shared original escapes the retention period. */
  public boolean exemptsSharedOriginals() {
    return policy.retention().sharedOriginals() == Retention.SharedOriginals.EXEMPT;
  }

  /**
   * Whether the police may receive the footage this share sends, under the request caps: at the
   * portal ({@link Portal#admitShare}), or here at the share.
   */
  public Decision admitShare(ClipShared share) {
    if (share.getChannel() != ShareChannel.POLICE_REQUEST || share.getRequest() == null) {
      return Decision.ALLOWED;
    }
    RequestTerms request = share.getRequest();
    RequestCaps caps = policy.requests();
    if (caps.atPortal()) {
      return Portal.admitShare(caps, share);
    }
    if (!caps.open()) {
      return new Decision.Blocked(
          CopyReceiptCause.PORTAL_CLOSED, "the portal takes no requests under this policy");
    }
    double windowMinutes = (request.getWindowEnd() - request.getWindowStart()) / 60_000.0;
    double area = Math.PI * request.getRadiusMiles() * request.getRadiusMiles();
    if (caps.minWindowMinutes() != null && windowMinutes < caps.minWindowMinutes()) {
      return new Decision.Blocked(
          CopyReceiptCause.WINDOW_BELOW_MINIMUM,
          String.format(
              "request window %.0f min is below the minimum %.0f min",
              windowMinutes, caps.minWindowMinutes()));
    }
    if (caps.minAreaSquareMiles() != null && area < caps.minAreaSquareMiles()) {
      return new Decision.Blocked(
          CopyReceiptCause.AREA_BELOW_MINIMUM,
          String.format(
              "request area %.3f sq mi is below the minimum %.3f sq mi",
              area, caps.minAreaSquareMiles()));
    }
    long recordedAt = share.getClipRecordedAt();
    if (caps.maxWindowHours() != null) {
      long allowedEnd = request.getWindowStart() + (long) (caps.maxWindowHours() * 3_600_000L);
      if (recordedAt >= allowedEnd) {
        return new Decision.Blocked(
            CopyReceiptCause.OUTSIDE_WINDOW,
            String.format(
                "clip lies outside the first %.1f h of the requested window",
                caps.maxWindowHours()));
      }
    }
    if (caps.maxAreaSquareMiles() != null) {
      double allowedRadius = Math.sqrt(caps.maxAreaSquareMiles() / Math.PI);
      if (share.getRequest().getCameraDistanceMiles() > allowedRadius) {
        return new Decision.Blocked(
            CopyReceiptCause.OUTSIDE_AREA,
            String.format(
                "camera is %.2f mi from the request's centre, beyond the %.2f mi of a %.3f sq mi area",
                request.getCameraDistanceMiles(), allowedRadius, caps.maxAreaSquareMiles()));
      }
    }
    if (caps.maxLookBackDays() != null
        && recordedAt < request.getIssuedAt() - (long) (caps.maxLookBackDays() * DAY_MS)) {
      return new Decision.Blocked(
          CopyReceiptCause.PAST_LOOK_BACK,
          String.format("clip is older than the %.0f-day look-back", caps.maxLookBackDays()));
    }
    return Decision.ALLOWED;
  }

  /**
   * Whether an onward copy of an existing copy, to a holder of type {@code holder}, may be made.
   */
  public Decision admitCopy(CopyKind kind, HolderType holder) {
    if (kind != CopyKind.FORWARD) {
      return Decision.ALLOWED;
    }
    if (policy.forwarding() == Forwarding.NONE) {
      return new Decision.Blocked(
          CopyReceiptCause.FORWARDING_FORBIDDEN,
          "the policy forbids police from forwarding footage");
    }
    if (policy.forwarding() == Forwarding.LOCAL_ONLY && holder == HolderType.FEDERAL_AGENCY) {
      return new Decision.Blocked(
          CopyReceiptCause.FEDERAL_FORWARDING_FORBIDDEN,
          "the policy lets police forward footage locally, never to a federal agency");
    }
    return Decision.ALLOWED;
  }

  /** Whether the recipient learns the owner's address with this share. */
  public boolean disclosesAddress(ClipShared share) {
    return share.getAddressDisclosed() && policy.addressDisclosed();
  }

  /**
   * When a copy held by {@code holder}, made at {@code madeAt}, expires: when the original's
   * retention period ends if copies inherit it (no earlier than the copy is made, and never if a
   * share exempted the original: {@code originalRetentionEndsAt} is empty), the holder type's
   * lifetime when one is set, else never (null).
   */
  public Long copyExpiresAt(HolderType holder, long madeAt, OptionalLong originalRetentionEndsAt) {
    if (policy.copies().inheritOriginalExpiry()) {
      return originalRetentionEndsAt.isPresent()
          ? Math.max(madeAt, originalRetentionEndsAt.getAsLong())
          : null;
    }
    Integer days = policy.copies().lifetimeDays().get(holder);
    return days == null ? null : madeAt + days * DAY_MS;
  }
}
