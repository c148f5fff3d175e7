package io.camfleet.report;

/** Renders sweep.html. */
final class SweepHtml {
  private SweepHtml() {}

  static String render(Sweep sweep) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>camfleet sweep</title></head><body></body></html>\n";
  }
}
