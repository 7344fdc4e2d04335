/**
 * A fake HubSpot for tests: {@link dev.journey.testkit.fake.FakeHubSpot} serves the CRM, lists,
 * associations, owners and sequences endpoints that {@code journey-hubspot} calls, on loopback,
 * from in-memory state, with HubSpot's request and response shapes, rate-limit headers, fault
 * injection and a request log, and can send signed webhook batches.
 */
package dev.journey.testkit.fake;
