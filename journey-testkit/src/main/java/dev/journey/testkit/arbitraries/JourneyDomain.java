package dev.journey.testkit.arbitraries;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.DomainContextBase;

/**
 * The testkit's generators as a jqwik domain: annotate a property or its class with {@code
 * @Domain(JourneyDomain.class)} and declare {@code @ForAll SignalStream}, {@code @ForAll Signal},
 * {@code @ForAll SubjectRef}, {@code @ForAll JourneySnapshot} (of the lead-handoff model) or
 * {@code @ForAll List<OwnerData>} parameters.
 *
 * <p>A domain replaces jqwik's defaults; add {@code @Domain(DomainContext.Global.class)} as well
 * when the same property also needs plain generated values such as {@code int}.
 */
public final class JourneyDomain extends DomainContextBase {
  /** Used by jqwik. */
  public JourneyDomain() {}

  @Provide
  Arbitrary<SignalStream> signalStreams() {
    return JourneyArbitraries.signalStreams();
  }

  @Provide
  Arbitrary<Signal> signals() {
    return JourneyArbitraries.signals();
  }

  @Provide
  Arbitrary<SubjectRef> subjects() {
    return JourneyArbitraries.subjects();
  }

  @Provide
  Arbitrary<JourneySnapshot> snapshots() {
    return JourneyArbitraries.snapshots(JourneyModel.leadHandoff());
  }

  @Provide
  Arbitrary<List<OwnerData>> ownerDirectories() {
    return JourneyArbitraries.ownerDirectories();
  }
}
