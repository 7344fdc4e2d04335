package dev.journey.testkit.junit;

import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.testkit.JourneyDriver;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.fake.FakeHubSpot;
import dev.journey.testkit.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives every test a fresh {@link JourneyDriver}: an engine, a {@link
 * VirtualClock} and an {@link InMemoryJourneyStore}. Register it programmatically, so its
 * configuration is plain Java:
 *
 * <pre>{@code
 * @RegisterExtension
 * final JourneyExtension journey = JourneyExtension.builder().definition(journey).build();
 *
 * @Test
 * void should_route_demo_requests() {
 *   journey.scenario().given(contact("1")).when(at("09:00"), demoRequested()).then()...;
 * }
 * }</pre>
 *
 * <p>With {@link Builder#fakeHubSpot} each test also gets a {@link FakeHubSpot} on loopback and the
 * executor that talks to it, on the same virtual clock: the outbox is drained through it after
 * every step, and {@link #hubSpot()} shows what landed in the CRM.
 *
 * <p>Test methods may also declare parameters of type {@link JourneyDriver}, {@link
 * JourneyEngine}, {@link VirtualClock}, {@link InMemoryJourneyStore} or {@link Scenario}. Register
 * it on an instance field (per-method lifecycle); the accessors fail outside a test.
 */
public final class JourneyExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final Set<Class<?>> RESOLVABLE =
      Set.of(
          JourneyDriver.class,
          JourneyEngine.class,
          VirtualClock.class,
          InMemoryJourneyStore.class,
          Scenario.class);

  private final JourneyDriver.Builder config;
  private final Function<FakeHubSpot, ActionExecutor> hubSpotExecutor;
  private JourneyDriver driver;
  private Scenario scenario;
  private FakeHubSpot hubSpot;

  private JourneyExtension(
      JourneyDriver.Builder config, Function<FakeHubSpot, ActionExecutor> hubSpotExecutor) {
    this.config = config;
    this.hubSpotExecutor = hubSpotExecutor;
  }

  /** Starts a builder; a journey definition is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    JourneyDriver.Builder b = config.copy();
    if (hubSpotExecutor != null) {
      VirtualClock clock = b.newClock();
      try {
        hubSpot = FakeHubSpot.builder().clock(clock).start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the fake HubSpot on loopback", e);
      }
      b.clock(clock).executor(hubSpotExecutor.apply(hubSpot));
    }
    driver = b.build();
    scenario = Scenario.on(driver);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    driver = null;
    scenario = null;
    if (hubSpot != null) {
      hubSpot.close();
      hubSpot = null;
    }
  }

  /**
   * This test's fake HubSpot, when the extension was built with {@link Builder#fakeHubSpot}: what
   * landed in the CRM (owners, tasks, list memberships, enrollments) and the requests made.
   *
   * @throws IllegalStateException outside a test, or without {@code fakeHubSpot(..)}
   */
  public FakeHubSpot hubSpot() {
    if (hubSpot == null) {
      throw new IllegalStateException(
          hubSpotExecutor == null
              ? "no fake HubSpot: build the extension with fakeHubSpot(fake -> executor)"
              : "the fake HubSpot exists only while a test runs");
    }
    return hubSpot;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return RESOLVABLE.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == JourneyDriver.class) {
      return driver();
    } else if (type == JourneyEngine.class) {
      return engine();
    } else if (type == VirtualClock.class) {
      return clock();
    } else if (type == InMemoryJourneyStore.class) {
      return store();
    }
    return scenario();
  }

  /**
   * This test's driver.
   *
   * @throws IllegalStateException outside a test
   */
  public JourneyDriver driver() {
    if (driver == null) {
      throw new IllegalStateException(
          "no journey driver outside a test: register JourneyExtension with @RegisterExtension on"
              + " an instance field and use it inside @Test methods");
    }
    return driver;
  }

  /** This test's engine. */
  public JourneyEngine engine() {
    return driver().engine();
  }

  /** This test's virtual clock. */
  public VirtualClock clock() {
    return driver().clock();
  }

  /** This test's store. */
  public InMemoryJourneyStore store() {
    return driver().store();
  }

  /** This test's scenario DSL over the driver. */
  public Scenario scenario() {
    driver();
    return scenario;
  }

  /**
   * Configures a {@link JourneyExtension}; the same settings as {@link JourneyDriver.Builder}.
   * Setters validate immediately. Not thread-safe; {@link #build()} copies.
   */
  public static final class Builder {
    private final JourneyDriver.Builder config = JourneyDriver.builder();
    private Function<FakeHubSpot, ActionExecutor> hubSpotExecutor;
    private boolean executorSet;

    Builder() {}

    /** The journey every test drives: its model, evaluator and stages (required). */
    public Builder definition(JourneyDefinition definition) {
      config.definition(definition);
      return this;
    }

    /** Adds an engine listener (shared by every test). */
    public Builder listener(JourneyListener listener) {
      config.listener(listener);
      return this;
    }

    /** Where each test's clock starts; default {@link JourneyDriver#DEFAULT_START}. */
    public Builder start(Instant start) {
      config.start(start);
      return this;
    }

    /** The clock's zone; default UTC. */
    public Builder zone(ZoneId zone) {
      config.zone(zone);
      return this;
    }

    /** An outbox executor, drained after every step (see {@link JourneyDriver.Builder#executor}). */
    public Builder executor(ActionExecutor executor) {
      if (hubSpotExecutor != null) {
        throw new IllegalStateException("an executor for the fake HubSpot is already set: use one or the other");
      }
      config.executor(executor);
      executorSet = true;
      return this;
    }

    /**
     * A fake HubSpot for every test: started on loopback before each test on the test's virtual
     * clock, closed after it, and reachable through {@link JourneyExtension#hubSpot()}. The
     * factory makes the executor that talks to it; the outbox is drained after every step.
     *
     * <pre>{@code
     * .fakeHubSpot(fake -> HubSpotExecutor.create(
     *     HubSpotConfig.builder(TokenProvider.ofStatic(FakeHubSpot.TOKEN))
     *         .baseUri(fake.baseUri()).clock(fake.clock()).build()))
     * }</pre>
     *
     * @throws IllegalStateException when an executor was set already
     */
    public Builder fakeHubSpot(Function<FakeHubSpot, ActionExecutor> executorFactory) {
      Objects.requireNonNull(executorFactory, "executorFactory");
      if (executorSet) {
        throw new IllegalStateException("an executor is already set: use executor(..) or fakeHubSpot(..)");
      }
      this.hubSpotExecutor = executorFactory;
      return this;
    }

    /**
     * Builds the extension.
     *
     * @throws IllegalStateException when no definition was set
     */
    public JourneyExtension build() {
      if (!config.hasDefinition()) {
        throw new IllegalStateException(
            "a journey definition is required: call definition(JourneyDefinition)");
      }
      return new JourneyExtension(Objects.requireNonNull(config.copy()), hubSpotExecutor);
    }
  }
}
