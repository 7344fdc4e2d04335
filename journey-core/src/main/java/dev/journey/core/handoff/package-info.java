/**
 * The handoff context package: what Sales receives with a handoff task, declared per journey and
 * assembled by the engine inside the commit from the subject's features and the signal at hand.
 */
package dev.journey.core.handoff;
