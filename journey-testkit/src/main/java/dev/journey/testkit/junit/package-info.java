/**
 * JUnit 5 integration: {@link dev.journey.testkit.junit.JourneyExtension} gives every test a
 * fresh {@link dev.journey.testkit.JourneyDriver} and {@link dev.journey.testkit.scenario.Scenario}.
 */
package dev.journey.testkit.junit;
