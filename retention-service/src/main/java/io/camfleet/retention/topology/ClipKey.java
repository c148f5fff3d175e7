package io.camfleet.retention.topology;

import io.camfleet.streams.TimeKey;

/**
 * A live clip's key in the clip store: its recording time, then its id, as a {@link TimeKey}, so
 * the store is in recording order and the clips recorded by a time are one range.
 */
record ClipKey(long recordedAt, String clipId) {
  String encoded() {
    return TimeKey.of(recordedAt, clipId);
  }

  static ClipKey decode(String key) {
    return new ClipKey(TimeKey.timeOf(key), TimeKey.restOf(key));
  }
}
