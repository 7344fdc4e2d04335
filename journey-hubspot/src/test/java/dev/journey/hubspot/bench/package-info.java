/** A manual throughput harness for the HubSpot executor against the fake (not run as a test). */
package dev.journey.hubspot.bench;
