/**
 * Recorded-signal replay: read signals from JSON lines ({@link
 * dev.journey.testkit.replay.JsonLines}), run them through an engine on a virtual clock that
 * follows the signals' {@code occurredAt} ({@link dev.journey.testkit.replay.Replay}), collect
 * the decisions and final snapshots ({@link dev.journey.testkit.replay.ReplayResult}) and write a
 * decision log.
 */
package dev.journey.testkit.replay;
