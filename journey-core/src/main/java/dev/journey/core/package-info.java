/**
 * Journey core: signals, subjects and the exceptions every module shares.
 *
 * <p>A {@link dev.journey.core.Signal} is a trusted buyer event about one {@link
 * dev.journey.core.SubjectRef subject}. The engine in {@link dev.journey.core.engine} turns
 * signals into journey state ({@link dev.journey.core.state}) and actions ({@link
 * dev.journey.core.action}) through a pure evaluator ({@link dev.journey.core.spi.JourneyEvaluator}).
 *
 * <p>This module depends on no rule engine and no HTTP client; its public signatures use JDK
 * types only.
 */
package dev.journey.core;
