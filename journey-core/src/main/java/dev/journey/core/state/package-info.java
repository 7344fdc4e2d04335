/**
 * Journey state: the {@link dev.journey.core.state.JourneyModel} (named states and the table of
 * allowed transitions) and the per-subject {@link dev.journey.core.state.JourneySnapshot}.
 */
package dev.journey.core.state;
