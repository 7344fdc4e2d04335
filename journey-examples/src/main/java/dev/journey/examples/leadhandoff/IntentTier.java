package dev.journey.examples.leadhandoff;

/** A contact's buying intent, which decides the shape of its marketing signals. */
enum IntentTier {
  /** Requests a demo. */
  HIGH,
  /** Views pricing repeatedly and may submit a contact-sales or trial form. */
  MEDIUM,
  /** Reads content, rarely more: should recycle, never reach a Sales queue. */
  LOW
}
