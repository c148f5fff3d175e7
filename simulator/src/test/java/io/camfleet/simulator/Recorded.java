package io.camfleet.simulator;

import io.camfleet.avro.WorldEvent;

/** One event as a sink received it: key, explicit partition (or null) and a copy of the event. */
record Recorded(String key, Integer partition, WorldEvent event) {

  long time() {
    return event.getEventTime();
  }

  Object body() {
    return event.getEvent();
  }
}
