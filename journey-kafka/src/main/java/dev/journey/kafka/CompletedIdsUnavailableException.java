package dev.journey.kafka;

import dev.journey.core.JourneyException;

/**
 * A starting {@link ActionTopicRelay} could not read its completed-ids topic ({@link
 * ActionTopicRelay.Builder#completedTopic}) to its end: it does not exist or the broker did not
 * answer in time. The relay does not start, rather than execute completed actions again.
 */
public final class CompletedIdsUnavailableException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String topic;

  CompletedIdsUnavailableException(String topic, String reason) {
    super("cannot read the completed action ids of topic '" + topic + "': " + reason);
    this.topic = topic;
  }

  /** The completed-ids topic. */
  public String topic() {
    return topic;
  }
}
