package io.camfleet.streams;

import io.camfleet.schemas.TopicPrefix;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Application ids that name the service and the policies it enforces. */
public final class ApplicationIds {
  private static final int MAX_LENGTH = 180;

  private ApplicationIds() {}

  /**
   * {@code service-policy} for one policy, {@code service-policyA.policyB...} for several; a list
   * too long for topic names is shortened to its first policies and a digest of all of them.
   */
  public static String of(String service, List<String> policies) {
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("a service enforces at least one policy");
    }
    String id = service + "-" + String.join(".", policies);
    if (id.length() <= MAX_LENGTH) {
      return id;
    }
    String digest = sha256(String.join("\n", policies)).substring(0, 12);
    String prefix = id.substring(0, MAX_LENGTH - digest.length() - 1);
    return prefix + "-" + digest;
  }

  /**
   * {@link #of(String, List)} for a run whose topics carry {@code prefix}: the application id, and
   * so its consumer group and internal topics, carry it too, so that runs sharing a cluster never
   * share a committed offset or a changelog.
   */
  public static String of(TopicPrefix prefix, String service, List<String> policies) {
    return of(prefix.apply(service), policies);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
