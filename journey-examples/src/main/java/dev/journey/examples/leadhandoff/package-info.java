/**
 * The example lead-handoff journey: its wiring and its data. {@link
 * dev.journey.examples.leadhandoff.LeadHandoff} loads the example directory ({@code
 * docs/examples/lead-handoff}: journey model, owner directory, routing, SLA and guardrail wiring,
 * versioned DRL rule sets) into an engine's model and stages. {@link
 * dev.journey.examples.leadhandoff.SignalLogGenerator} is a seeded, reproducible generator of
 * realistic CRM signal streams; the attribute names it writes are documented in {@link
 * dev.journey.examples.leadhandoff.Attributes}, and {@link
 * dev.journey.examples.leadhandoff.GenerateSignalLog} writes a log from the command line.
 */
package dev.journey.examples.leadhandoff;
