/**
 * The scenario DSL: a playbook written as given / when / then. Entry point {@link
 * dev.journey.testkit.scenario.Scenario}.
 *
 * <pre>{@code
 * scenario.given(contact("1")).inState(NURTURE)
 *     .when(at("09:00"), demoRequested())
 *     .then().state(SALES_ENGAGED).fired("demo request qualifies").actions(ASSIGN_OWNER, CREATE_TASK);
 * }</pre>
 */
package dev.journey.testkit.scenario;
