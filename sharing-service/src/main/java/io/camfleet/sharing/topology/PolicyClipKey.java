package io.camfleet.sharing.topology;

/**
 * One clip under one policy: its key in the clips store and the target of its original's due time
 * in the expiry schedule, {@code policy|clipId}. A policy name never holds {@code |}, so the key
 * reads back unambiguously.
 */
record PolicyClipKey(String policy, String clipId) {
  String encoded() {
    return policy + "|" + clipId;
  }

  static PolicyClipKey decode(String key) {
    int separator = key.indexOf('|');
    if (separator < 0) {
      throw new IllegalArgumentException("not a policy|clip key: " + key);
    }
    return new PolicyClipKey(key.substring(0, separator), key.substring(separator + 1));
  }
}
