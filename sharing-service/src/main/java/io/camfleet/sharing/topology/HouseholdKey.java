package io.camfleet.sharing.topology;

/**
 * One household under one policy: the key its copy changes are repartitioned by, and its key in the
 * households store, {@code policy|householdId}.
 */
record HouseholdKey(String policy, String householdId) {
  String encoded() {
    return policy + "|" + householdId;
  }
}
