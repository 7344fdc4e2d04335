package dev.journey.examples.leadhandoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.Signal;
import dev.journey.jackson.JourneyJson;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Generates a realistic, reproducible signal log for the example lead-handoff journey: synthetic
 * contacts in three segments and regions, arriving from five sources, with high, medium or low
 * buying intent; sales reps who follow up fast, late or never; meetings, deals that are won, lost,
 * stall or stay open; customers whose product usage drops; and about 2% redelivered signals.
 *
 * <p>Everything is derived from the seed and the start instant; no clock is read. The same
 * configuration gives the same signals, byte for byte, on every JDK. Signals are sorted by {@code
 * occurredAt} (then by id); a redelivery is an exact copy (same id, same content) right after its
 * original. All ids are synthetic and no signal carries personal data. The attribute names are in
 * {@link Attributes}.
 *
 * <pre>{@code
 * SignalLogGenerator generator = SignalLogGenerator.builder()
 *     .seed(7)
 *     .contacts(500)
 *     .start(Instant.parse("2026-03-02T00:00:00Z"))
 *     .weeks(4)
 *     .build();
 * List<Signal> signals = generator.generate();
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #builder()} returns a builder with the shipped log's
 * configuration ({@link #DEFAULT_SEED}, {@link #DEFAULT_CONTACTS}, {@link #DEFAULT_START}, {@link
 * #DEFAULT_WEEKS}, {@link #DEFAULT_REDELIVERY_SHARE}).
 */
public final class SignalLogGenerator {
  /** The seed of the shipped log, {@code docs/examples/lead-handoff/signals.jsonl}. */
  public static final long DEFAULT_SEED = 20260302L;

  /** The number of contacts in the shipped log. */
  public static final int DEFAULT_CONTACTS = 3_000;

  /** The start of the shipped log's window: Monday 2 March 2026, 00:00 UTC. */
  public static final Instant DEFAULT_START = Instant.parse("2026-03-02T00:00:00Z");

  /** The length of the shipped log's window in weeks. */
  public static final int DEFAULT_WEEKS = 6;

  /** The share of signals delivered twice. */
  public static final double DEFAULT_REDELIVERY_SHARE = 0.02;

  /** The most contacts a log may have. */
  public static final int MAX_CONTACTS = 100_000;

  /** The longest window in weeks. */
  public static final int MAX_WEEKS = 52;

  /** The highest redelivery share. */
  public static final double MAX_REDELIVERY_SHARE = 0.5;

  /** New contacts stop arriving this long before the window ends, so that each has a story. */
  private static final Duration ARRIVAL_MARGIN = Duration.ofDays(2);

  private final long seed;
  private final int contacts;
  private final Instant start;
  private final int weeks;
  private final double redeliveryShare;

  private SignalLogGenerator(Builder builder) {
    this.seed = builder.seed;
    this.contacts = builder.contacts;
    this.start = builder.start;
    this.weeks = builder.weeks;
    this.redeliveryShare = builder.redeliveryShare;
  }

  /** A builder preset to the shipped log's configuration. */
  public static Builder builder() {
    return new Builder();
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** The number of contacts. */
  public int contacts() {
    return contacts;
  }

  /** The start of the window (inclusive). */
  public Instant start() {
    return start;
  }

  /** The end of the window (exclusive): {@link #start()} plus {@link #weeks()} weeks. */
  public Instant end() {
    return start.plus(Duration.ofDays(7L * weeks));
  }

  /** The length of the window in weeks. */
  public int weeks() {
    return weeks;
  }

  /** The share of signals delivered twice. */
  public double redeliveryShare() {
    return redeliveryShare;
  }

  /**
   * Generates the log: every signal inside the window, sorted by {@code occurredAt} then id, with
   * redeliveries right after their originals.
   *
   * @return a new, unmodifiable list
   */
  public List<Signal> generate() {
    List<Signal> signals = new ArrayList<>();
    for (ContactHistory history : histories()) {
      signals.addAll(history.signals());
    }
    signals.sort(Comparator.comparing(Signal::occurredAt).thenComparing(Signal::id));
    Rng redeliveries = Rng.of(seed, -1);
    List<Signal> delivered = new ArrayList<>(signals.size() + signals.size() / 20);
    for (Signal signal : signals) {
      delivered.add(signal);
      if (redeliveries.chance(redeliveryShare)) {
        delivered.add(signal);
      }
    }
    return List.copyOf(delivered);
  }

  /**
   * Writes the log as JSON lines (one {@link JourneyJson} signal per line, {@code \n} after each).
   *
   * @throws IOException when writing fails
   */
  public void writeTo(Writer out) throws IOException {
    Objects.requireNonNull(out, "out");
    ObjectMapper mapper = JourneyJson.mapper();
    for (Signal signal : generate()) {
      out.write(JourneyJson.toJson(mapper, signal));
      out.write('\n');
    }
    out.flush();
  }

  /**
   * Writes the log as UTF-8 JSON lines to {@code file}, replacing it; creates missing parent
   * directories.
   *
   * @throws IOException when writing fails
   */
  public void writeTo(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeTo(out);
    }
  }

  /** Every contact's plan and history, in contact order. */
  List<ContactHistory> histories() {
    List<ContactHistory> histories = new ArrayList<>(contacts);
    Instant end = end();
    for (ContactPlan plan : plans()) {
      histories.add(new ContactTimeline(plan, Rng.of(seed, plan.index() + 1L), end).generate());
    }
    return histories;
  }

  /** The population: contacts at companies, each with its profile, intent and responder. */
  List<ContactPlan> plans() {
    Rng rng = Rng.of(seed, -2);
    long arrivalSeconds = Duration.ofDays(7L * weeks).minus(ARRIVAL_MARGIN).getSeconds();
    Map<String, List<Company>> companies = new LinkedHashMap<>();
    int companyCount = 0;
    List<ContactPlan> plans = new ArrayList<>(contacts);
    for (int i = 0; i < contacts; i++) {
      Segment segment = Segment.values()[rng.weighted(shares(Segment.values(), s -> s.share))];
      Region region = Region.values()[rng.weighted(shares(Region.values(), r -> r.share))];
      LeadSource source =
          LeadSource.values()[rng.weighted(shares(LeadSource.values(), l -> l.share))];
      List<Company> pool =
          companies.computeIfAbsent(segment + "/" + region, k -> new ArrayList<>());
      double reuse =
          segment == Segment.ENTERPRISE ? 0.5 : segment == Segment.MID_MARKET ? 0.3 : 0.1;
      Company company;
      if (!pool.isEmpty() && rng.chance(reuse)) {
        company = rng.pick(pool);
      } else {
        companyCount++;
        Region.Country country =
            region.countries.get(
                rng.weighted(
                    region.countries.stream().mapToDouble(Region.Country::weight).toArray()));
        Optional<String> owner =
            rng.chance(0.10)
                ? Optional.of(region.ownerId(rng.between(1, region.reps)))
                : Optional.empty();
        company = new Company(String.format(Locale.ROOT, "dom-%04d", companyCount), country, owner);
        pool.add(company);
      }
      int fit = rng.bell(segment.fitCentre, 45, 0, 100);
      int intentIndex =
          rng.weighted(
              source.highIntent, source.mediumIntent, 1 - source.highIntent - source.mediumIntent);
      IntentTier intent = IntentTier.values()[intentIndex];
      Responder responder =
          Responder.values()[rng.weighted(shares(Responder.values(), r -> r.share))];
      int responseMinutes =
          responder == Responder.NEVER
              ? 0
              : rng.between(responder.minBusinessMinutes, responder.maxBusinessMinutes);
      Instant firstSeen = start.plusSeconds((long) (rng.unit() * arrivalSeconds));
      plans.add(
          new ContactPlan(
              i,
              Integer.toString(1_000_001 + i),
              segment,
              region,
              company.country().code(),
              company.country().zone(),
              source,
              fit,
              company.domainId(),
              company.accountOwnerId(),
              intent,
              responder,
              responseMinutes,
              firstSeen));
    }
    return plans;
  }

  private static <E> double[] shares(E[] values, ToDoubleFunction<E> share) {
    double[] shares = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      shares[i] = share.applyAsDouble(values[i]);
    }
    return shares;
  }

  private record Company(
      String domainId, Region.Country country, Optional<String> accountOwnerId) {}

  /**
   * Configures a {@link SignalLogGenerator}. Setters validate immediately; not thread-safe. {@link
   * #build()} copies, so the generator is independent of the builder.
   */
  public static final class Builder {
    private long seed = DEFAULT_SEED;
    private int contacts = DEFAULT_CONTACTS;
    private Instant start = DEFAULT_START;
    private int weeks = DEFAULT_WEEKS;
    private double redeliveryShare = DEFAULT_REDELIVERY_SHARE;

    Builder() {}

    /** Sets the seed; default {@link #DEFAULT_SEED}. Any value is allowed. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the number of contacts; default {@link #DEFAULT_CONTACTS}.
     *
     * @throws IllegalArgumentException unless 1 to {@link #MAX_CONTACTS}
     */
    public Builder contacts(int contacts) {
      if (contacts < 1 || contacts > MAX_CONTACTS) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "contacts must be between 1 and %d, but was %d",
                MAX_CONTACTS,
                contacts));
      }
      this.contacts = contacts;
      return this;
    }

    /**
     * Sets the start of the window; default {@link #DEFAULT_START}.
     *
     * @throws NullPointerException when {@code start} is null
     * @throws IllegalArgumentException when {@code start} has a fraction of a second
     */
    public Builder start(Instant start) {
      Objects.requireNonNull(start, "start");
      if (start.getNano() != 0) {
        throw new IllegalArgumentException("start must be a whole second, but was " + start);
      }
      this.start = start;
      return this;
    }

    /**
     * Sets the length of the window in weeks; default {@link #DEFAULT_WEEKS}.
     *
     * @throws IllegalArgumentException unless 1 to {@link #MAX_WEEKS}
     */
    public Builder weeks(int weeks) {
      if (weeks < 1 || weeks > MAX_WEEKS) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "weeks must be between 1 and %d, but was %d", MAX_WEEKS, weeks));
      }
      this.weeks = weeks;
      return this;
    }

    /**
     * Sets the share of signals delivered twice; default {@link #DEFAULT_REDELIVERY_SHARE}.
     *
     * @throws IllegalArgumentException unless 0 to {@link #MAX_REDELIVERY_SHARE}
     */
    public Builder redeliveryShare(double share) {
      if (!(share >= 0 && share <= MAX_REDELIVERY_SHARE)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "redeliveryShare must be between 0 and %s, but was %s",
                MAX_REDELIVERY_SHARE,
                share));
      }
      this.redeliveryShare = share;
      return this;
    }

    /** Builds the generator. */
    public SignalLogGenerator build() {
      return new SignalLogGenerator(this);
    }
  }
}
