package io.camfleet.report;

import java.util.Locale;

/**
 * A file kept beside the report as evidence (an audit file, or the event log with {@code
 * --keep-events}), or the event log a run replayed: its path, how many records it holds (-1 when
 * not counted) and its SHA-256.
 */
public record EvidenceFile(String path, long records, String sha256) {

  public EvidenceFile {
    path = Checks.nonBlank(path, "evidence file path");
    if (records < -1) {
      throw new IllegalArgumentException("records must be 0 or more, not " + records);
    }
    sha256 = Checks.sha256(sha256, "sha256 of " + path).toLowerCase(Locale.ROOT);
  }

  /** The event log a run replayed, whose records were not counted here. */
  public static EvidenceFile replayed(String path, String sha256) {
    return new EvidenceFile(path, -1, sha256);
  }
}
