package io.camfleet.schemas.stats;

import io.camfleet.avro.HolderType;
import java.util.Locale;

/** Holder types as a person reads them, for measures broken down by holder type. */
public final class HolderTypes {
  private HolderTypes() {}

  /** {@code REQUESTING_POLICE} as {@code requesting police}. */
  public static String label(HolderType holder) {
    return holder.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
