/** The testkit's shared helpers (decision comparison). Not API: use them through the public types. */
package dev.journey.testkit.internal;
