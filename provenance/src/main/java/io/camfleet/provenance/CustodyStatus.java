package io.camfleet.provenance;

/** Where a copy stands under one policy: alive, expired, or blocked before it was made. */
public enum CustodyStatus {
  ALIVE,
  EXPIRED,
  BLOCKED
}
