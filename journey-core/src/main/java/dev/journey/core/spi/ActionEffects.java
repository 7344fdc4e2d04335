package dev.journey.core.spi;

import dev.journey.core.action.Action;
import dev.journey.core.action.ActionKind;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.ResumeOutreach;
import dev.journey.core.action.SetProperty;
import dev.journey.core.action.SuppressOutreach;
import dev.journey.core.state.JourneySnapshot;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The table of what each {@link ActionKind} does to the snapshot: at most one {@link ActionEffect}
 * per kind; a kind without one changes nothing in the snapshot (it is still executed through the
 * outbox). Core knows no CRM's vocabulary: {@link #defaults()} covers only what core itself
 * defines (the owner, named properties, suppressions); an adapter adds the rest, e.g. which
 * properties a deal-stage update writes in its CRM.
 *
 * <p>Immutable and thread-safe; {@link #with} and {@link #without} return new tables.
 *
 * <pre>{@code
 * ActionEffects effects = ActionEffects.defaults()
 *     .with(ActionKind.RECYCLE, (action, edit) -> {
 *       if (action instanceof Recycle recycle) {
 *         edit.property("recycle_reason", recycle.reasonCode());
 *       }
 *     });
 * }</pre>
 */
public final class ActionEffects {
  private static final ActionEffects NONE = new ActionEffects(new EnumMap<>(ActionKind.class));
  private static final ActionEffects DEFAULTS =
      NONE.with(
              ActionKind.ASSIGN_OWNER,
              (action, edit) -> edit.property(JourneySnapshot.OWNER, ((AssignOwner) action).ownerId()))
          .with(
              ActionKind.SET_PROPERTY,
              (action, edit) -> {
                SetProperty set = (SetProperty) action;
                edit.property(set.name(), set.value());
              })
          .with(
              ActionKind.SUPPRESS_OUTREACH,
              (action, edit) -> {
                SuppressOutreach suppress = (SuppressOutreach) action;
                edit.suppress(suppress.channel(), suppress.reason(), suppress.until());
              })
          .with(
              ActionKind.RESUME_OUTREACH,
              (action, edit) -> edit.resume(((ResumeOutreach) action).channel()));

  private final Map<ActionKind, ActionEffect> byKind;

  private ActionEffects(EnumMap<ActionKind, ActionEffect> byKind) {
    this.byKind = Collections.unmodifiableMap(byKind);
  }

  /** No effects: no action changes the snapshot (state, timers and counters still do). */
  public static ActionEffects none() {
    return NONE;
  }

  /**
   * Core's own effects: {@code ASSIGN_OWNER} writes the {@value JourneySnapshot#OWNER} property,
   * {@code SET_PROPERTY} its property, {@code SUPPRESS_OUTREACH} and {@code RESUME_OUTREACH} put
   * and lift suppressions. Every other kind changes nothing.
   */
  public static ActionEffects defaults() {
    return DEFAULTS;
  }

  /** This table with {@code effect} for {@code kind}, replacing the one it had. */
  public ActionEffects with(ActionKind kind, ActionEffect effect) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(effect, "effect");
    EnumMap<ActionKind, ActionEffect> copy = copy();
    copy.put(kind, effect);
    return new ActionEffects(copy);
  }

  /** This table without an effect for {@code kind}. */
  public ActionEffects without(ActionKind kind) {
    Objects.requireNonNull(kind, "kind");
    EnumMap<ActionKind, ActionEffect> copy = copy();
    copy.remove(kind);
    return new ActionEffects(copy);
  }

  /** The effect of {@code kind}, if it has one. */
  public Optional<ActionEffect> effect(ActionKind kind) {
    return Optional.ofNullable(byKind.get(Objects.requireNonNull(kind, "kind")));
  }

  /** Applies {@code action}'s effect, if its kind has one. */
  public void apply(Action action, ActionEffect.SnapshotEdit edit) {
    ActionEffect effect = byKind.get(action.kind());
    if (effect != null) {
      effect.apply(action, edit);
    }
  }

  /**
   * The properties {@code action}'s effect writes, in the order it writes them; empty when its
   * kind has no effect or the effect writes none. Guardrails that own properties ({@code
   * SingleWriterGuardrail}) ask this table rather than knowing a CRM's
   * property names.
   */
  public Set<String> propertiesWritten(Action action) {
    ActionEffect effect = byKind.get(action.kind());
    if (effect == null) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>();
    effect.apply(
        action,
        new ActionEffect.SnapshotEdit() {
          @Override
          public ActionEffect.SnapshotEdit property(String name, String value) {
            names.add(name);
            return this;
          }

          @Override
          public ActionEffect.SnapshotEdit suppress(
              String channel, String reason, java.time.Instant until) {
            return this;
          }

          @Override
          public ActionEffect.SnapshotEdit resume(String channel) {
            return this;
          }
        });
    return Collections.unmodifiableSet(names);
  }

  private EnumMap<ActionKind, ActionEffect> copy() {
    EnumMap<ActionKind, ActionEffect> copy = new EnumMap<>(ActionKind.class);
    copy.putAll(byKind);
    return copy;
  }

  /** The kinds with an effect, e.g. {@code ActionEffects[ASSIGN_OWNER, SET_PROPERTY]}. */
  @Override
  public String toString() {
    return "ActionEffects" + byKind.keySet();
  }
}
