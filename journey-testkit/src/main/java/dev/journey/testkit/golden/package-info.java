/**
 * Golden datasets: a recorded signal log and the decisions it produced, re-run and compared after
 * every rule change. Entry point {@link dev.journey.testkit.golden.GoldenDataset}; re-record on
 * purpose with {@code -Djourney.golden.record=true}.
 */
package dev.journey.testkit.golden;
