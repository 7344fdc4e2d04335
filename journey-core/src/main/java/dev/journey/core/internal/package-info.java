/**
 * Implementation details of journey-core. Not API: types here may change in any release and must
 * not be used from other modules.
 */
package dev.journey.core.internal;
