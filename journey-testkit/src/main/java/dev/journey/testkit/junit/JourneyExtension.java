package dev.journey.testkit.junit;

import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.testkit.JourneyDriver;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.scenario.Scenario;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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

  private final Builder config;
  private JourneyDriver driver;
  private Scenario scenario;

  private JourneyExtension(Builder config) {
    this.config = config;
  }

  /** Starts a builder; a journey definition is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    driver = config.driver();
    scenario = Scenario.on(driver);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    driver = null;
    scenario = null;
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
    private JourneyDefinition definition;
    private final List<JourneyListener> listeners = new ArrayList<>();
    private Instant start = JourneyDriver.DEFAULT_START;
    private ZoneId zone = ZoneOffset.UTC;
    private ActionExecutor executor;

    Builder() {}

    private Builder(Builder from) {
      definition = from.definition;
      listeners.addAll(from.listeners);
      start = from.start;
      zone = from.zone;
      executor = from.executor;
    }

    /** The journey every test drives: its model, evaluator and stages (required). */
    public Builder definition(JourneyDefinition definition) {
      this.definition = Objects.requireNonNull(definition, "definition");
      return this;
    }

    /** Adds an engine listener (shared by every test). */
    public Builder listener(JourneyListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Where each test's clock starts; default {@link JourneyDriver#DEFAULT_START}. */
    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /** The clock's zone; default UTC. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** An outbox executor, drained after every step (see {@link JourneyDriver.Builder#executor}). */
    public Builder executor(ActionExecutor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** A fresh driver with these settings. */
    private JourneyDriver driver() {
      JourneyDriver.Builder b = JourneyDriver.builder().definition(definition).start(start).zone(zone);
      listeners.forEach(b::listener);
      if (executor != null) {
        b.executor(executor);
      }
      return b.build();
    }

    /**
     * Builds the extension.
     *
     * @throws IllegalStateException when no definition was set
     */
    public JourneyExtension build() {
      if (definition == null) {
        throw new IllegalStateException(
            "a journey definition is required: call definition(JourneyDefinition)");
      }
      return new JourneyExtension(new Builder(this));
    }
  }
}
