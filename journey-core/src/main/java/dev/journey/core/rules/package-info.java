/**
 * Plain-Java rules: {@link dev.journey.core.rules.JavaRuleSet} is a {@link
 * dev.journey.core.spi.JourneyEvaluator} whose rules are Java predicates and consequences. It is
 * the hand-coded reference the Drools module is compared against, and a fine choice for small
 * journeys.
 */
package dev.journey.core.rules;
