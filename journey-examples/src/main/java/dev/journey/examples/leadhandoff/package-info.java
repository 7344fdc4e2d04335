/**
 * The example lead-handoff journey's data: a seeded, reproducible generator of realistic CRM signal
 * streams. Entry point: {@link dev.journey.examples.leadhandoff.SignalLogGenerator}; the attribute
 * names it writes are documented in {@link dev.journey.examples.leadhandoff.Attributes}, and {@link
 * dev.journey.examples.leadhandoff.GenerateSignalLog} writes a log from the command line.
 */
package dev.journey.examples.leadhandoff;
