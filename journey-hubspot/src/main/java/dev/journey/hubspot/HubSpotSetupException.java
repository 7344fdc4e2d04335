package dev.journey.hubspot;

import dev.journey.core.JourneyException;
import java.util.List;

/**
 * The portal is not set up for Journey: {@link HubSpotExecutor#start} refuses to start and names
 * every missing item (a property, a list, an owner, a pipeline stage).
 */
public final class HubSpotSetupException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  HubSpotSetupException(List<String> problems) {
    super("HubSpot portal is not set up for Journey: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each missing item, in words. */
  public List<String> problems() {
    return problems;
  }
}
