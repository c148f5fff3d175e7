/**
 * Retention and sharing policies ({@code policies/*.yaml}), strictly parsed, and the decisions they
 * make ({@link io.camfleet.policy.PolicyRules}), shared by the retention and sharing services.
 *
 * <p><b>Stages.</b> A policy may change over time: {@code stages: [{from: 2021-06-03, ...}]}, in
 * ascending, distinct dates, each in force from midnight UTC of its date. A stage names any of
 * {@code retention}, {@code copies}, {@code requests}, {@code forwarding}, {@code
 * addressDisclosed}; a section it names replaces that section of the stage before whole (no deep
 * merge), the others carry over. Receipts and ledger entries name the stage that decided them by
 * its label: the stage's date as ISO text, or {@code base} for the rules before the first stage.
 *
 * <p><b>existingClips.</b> A decision about a clip (share admission under share-enforced caps, the
 * exemption of a shared original, copy admission and forwarding, copy lifetime, address disclosure)
 * uses the stage in force at the event that triggers it under {@code follow-new-rules} (the
 * default), or the stage in force at the clip's recording under {@code keep-old-rules}. A copy's
 * lifetime is decided when the copy is made and never changes.
 *
 * <p><b>Due times.</b> keep-old-rules: {@code recordedAt + period(stage at recordedAt, region)}.
 * follow-new-rules: the first instant {@code t >= recordedAt} with {@code t >= recordedAt +
 * period(stage at t, region)}: a clip recorded before a shortening, already past the new period, is
 * due at the stage's start. Both are pure functions of the recording time and region. Under
 * follow-new-rules a stage may not change {@code retention.sharedOriginals} (an exemption is
 * decided once, at the share); the file is refused.
 *
 * <p><b>forwarding</b>: {@code none | local-only | any}; the older {@code forwardingAllowed: true |
 * false} still loads ({@code any} / {@code none}); both given and disagreeing is an error.
 */
package io.camfleet.policy;
