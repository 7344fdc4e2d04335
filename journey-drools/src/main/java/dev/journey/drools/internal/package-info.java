/**
 * Implementation of journey-drools: the DRL lint and the KieBase compiler. Not API: public only
 * so that {@code dev.journey.drools} can use it; never import it from another module.
 */
package dev.journey.drools.internal;
