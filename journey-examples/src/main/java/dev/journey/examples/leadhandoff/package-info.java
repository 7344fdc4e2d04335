/**
 * The example lead-handoff journey's generator and data. Its wiring is one configuration file,
 * {@code docs/examples/lead-handoff/journey.json}, loaded with {@code journey-config}; {@link
 * dev.journey.examples.leadhandoff.LeadHandoff} names the example's files and adds the contact
 * copies of deal signals. {@link dev.journey.examples.leadhandoff.SignalLogGenerator} is a seeded,
 * reproducible generator of realistic CRM signal streams; the attribute names it writes are
 * documented in {@link dev.journey.examples.leadhandoff.Attributes}, and {@link
 * dev.journey.examples.leadhandoff.GenerateSignalLog} writes a log from the command line.
 */
package dev.journey.examples.leadhandoff;
