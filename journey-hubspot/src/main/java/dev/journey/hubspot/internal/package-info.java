/**
 * Implementation details of {@code journey-hubspot}: HubSpot request-signature arithmetic and the
 * per-portal rate-limit window. Not API: never import these types from another module; they may
 * change in any release.
 */
package dev.journey.hubspot.internal;
