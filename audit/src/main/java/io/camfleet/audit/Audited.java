package io.camfleet.audit;

/** One record of an audit file: the Kafka key, the record's event time and the value. */
public record Audited<V>(String key, long timestamp, V value) {

  /** The policy the record is about: the key up to its first '/'. */
  public String policy() {
    int slash = key.indexOf('/');
    return slash < 0 ? key : key.substring(0, slash);
  }
}
