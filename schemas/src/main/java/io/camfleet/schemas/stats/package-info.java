/**
 * The statistics vocabulary: the services that write daily statistics ({@link
 * io.camfleet.schemas.stats.StatsService}) and every measure they write ({@link
 * io.camfleet.schemas.stats.StatsMeasure}), each with its name on the wire, kind, unit, label and
 * definition. The wire names are a public contract: they are the keys of {@code
 * DailyStats.measures}, the fields of the flat JSON topics and the series of report.json. Code
 * refers to the constants; a name read from outside is looked up here, and an unknown one is an
 * error, never a silent zero.
 */
package io.camfleet.schemas.stats;
