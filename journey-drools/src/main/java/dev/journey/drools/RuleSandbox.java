package dev.journey.drools;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What compiled rules may reference: an allowlist of classes and their members, enforced at load on
 * the bytecode Drools compiled from the DRL (consequences, functions, the executable model's
 * lambdas) and on the expressions Drools interprets (conditions, {@code from}, {@code eval}). A
 * reference to anything not allowed rejects the rule set with the DRL file and line.
 *
 * <p>An entry names a class and either every public member ({@link Builder#allowClass}) or some
 * members by name, all overloads ({@link Builder#allowMembers}); constructors are {@code <init>}.
 * Whatever the entry, a few members are never allowed because they escape the rule or read
 * something outside it: {@code getClass}, {@code wait}, {@code notify}, {@code notifyAll}, {@code
 * finalize}, {@code systemDefault}, {@code getDefault}, {@code setDefault} (JVM-wide defaults), {@code getInteger},
 * {@code getLong}, {@code getBoolean} (system properties). Every type in an allowed member's
 * signature must itself be allowed (or primitive), so an allowed class cannot hand out a {@code
 * Class}, a stream or a thread; and the bytecode check refuses {@code Object}'s monitor methods
 * ({@code wait}, {@code notify}, {@code notifyAll}) and {@code synchronized} blocks.
 *
 * <p>{@link Builder#allowClassExcept} allows a class but some of its members: the defaults allow
 * {@code java.time} without {@code now} (the wall clock; rules see the engine's {@code now}).
 *
 * <p>{@link #defaults()} allows {@link JourneyFacts}, the decision builder, the core value types,
 * strings, numbers, {@code Math}, {@code java.time} values and the {@code java.util} collections
 * (docs/rules.md lists them). An embedding application adds its own helpers:
 *
 * <pre>{@code
 * RuleSandbox sandbox = RuleSandbox.defaults().toBuilder()
 *     .allowClass("com.acme.journey.Territories")
 *     .allowMembers("com.acme.journey.Pricing", "tierOf", "discountFor")
 *     .build();
 * RuleSetRegistry registry = RuleSetRegistry.builder().sandbox(sandbox).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RuleSandbox {
  /** Member names no entry can allow. */
  public static final Set<String> NEVER_ALLOWED =
      Set.of(
          "getClass", "finalize", "systemDefault", "getDefault", "setDefault", "getInteger", "getLong",
          "getBoolean");

  /** Marks an entry that allows every public member. */
  private static final String ALL = "*";

  private static final Pattern CLASS_NAME =
      Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
  private static final Pattern MEMBER = Pattern.compile("<init>|[A-Za-z_$][\\w$]*");

  private static final RuleSandbox DEFAULTS = defaultBuilder().build();

  private final Map<String, Set<String>> entries;

  private RuleSandbox(Map<String, Set<String>> entries) {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    entries.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    this.entries = Collections.unmodifiableMap(copy);
  }

  /** The default allowlist (see the class comment and docs/rules.md). */
  public static RuleSandbox defaults() {
    return DEFAULTS;
  }

  /** An empty builder: nothing is allowed until added. */
  public static Builder builder() {
    return new Builder(new LinkedHashMap<>());
  }

  /** A builder starting from this allowlist. */
  public Builder toBuilder() {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    entries.forEach((k, v) -> copy.put(k, new LinkedHashSet<>(v)));
    return new Builder(copy);
  }

  /**
   * The entries: binary class name (e.g. {@code java.util.Map$Entry}) to member names, {@code *}
   * for all, {@code -name} for a member excluded from {@code *}.
   */
  public Map<String, Set<String>> entries() {
    return entries;
  }

  /** Whether {@code className} (binary name, dots) is allowed as a type. */
  public boolean allowsType(String className) {
    return entries.containsKey(className);
  }

  /** Whether {@code member} of {@code className} (binary name, dots) may be referenced. */
  public boolean allowsMember(String className, String member) {
    if (NEVER_ALLOWED.contains(member)) {
      return false;
    }
    Set<String> members = entries.get(className);
    return members != null
        && ((members.contains(ALL) && !members.contains("-" + member)) || members.contains(member));
  }

  /** Whether {@code className} is allowed with every public member. */
  public boolean allowsAllMembers(String className) {
    Set<String> members = entries.get(className);
    return members != null && members.contains(ALL);
  }

  @Override
  public String toString() {
    return "RuleSandbox[" + entries.size() + " classes]";
  }

  private static Builder defaultBuilder() {
    Builder b = builder();
    // what rules read and write
    b.allowClass("dev.journey.drools.JourneyFacts");
    b.allowClass("dev.journey.drools.SlaView");
    // every rule-facing method of the decision builder; not the engine's: fired (the audit of
    // which rules fired) and build
    b.allowClassExcept("dev.journey.core.decision.Decision$Builder", "fired", "build");
    for (String type :
        List.of(
            "dev.journey.core.Signal", "dev.journey.core.SubjectRef", "dev.journey.core.ObjectType",
            "dev.journey.core.SignalTypes", "dev.journey.core.state.JourneySnapshot",
            "dev.journey.core.state.JourneyModel", "dev.journey.core.action.Action",
            "dev.journey.core.action.ActionKind", "dev.journey.core.action.AssignOwner",
            "dev.journey.core.action.CreateTask", "dev.journey.core.action.EnrollSequence",
            "dev.journey.core.action.Escalate", "dev.journey.core.action.Notify",
            "dev.journey.core.action.Recycle", "dev.journey.core.action.ResumeOutreach",
            "dev.journey.core.action.SetProperty", "dev.journey.core.action.SuppressOutreach",
            "dev.journey.core.action.UnenrollSequence", "dev.journey.core.action.UpdateDealStage",
            "dev.journey.core.sla.SlaStep", "dev.journey.core.sla.SlaStep$Kind")) {
      b.allowClass(type);
    }
    // values
    for (String type :
        List.of(
            "java.lang.String", "java.lang.CharSequence", "java.lang.StringBuilder", "java.lang.Integer",
            "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Double", "java.lang.Float",
            "java.lang.Boolean", "java.lang.Character", "java.lang.Number", "java.lang.Comparable", "java.util.Objects", "java.util.Optional",
            "java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble",
            "java.util.StringJoiner")) {
      b.allowClass(type);
    }
    for (String type :
        List.of(
            "java.time.Instant", "java.time.Duration", "java.time.LocalDate",
            "java.time.LocalDateTime", "java.time.LocalTime", "java.time.ZonedDateTime",
            "java.time.OffsetDateTime", "java.time.OffsetTime", "java.time.ZoneId", "java.time.ZoneOffset",
            "java.time.DayOfWeek", "java.time.Month", "java.time.MonthDay", "java.time.Period",
            "java.time.Year", "java.time.YearMonth", "java.time.format.DateTimeFormatter",
            "java.time.format.FormatStyle", "java.time.temporal.ChronoUnit",
            "java.time.temporal.ChronoField", "java.time.temporal.TemporalAdjusters",
            "java.time.temporal.Temporal", "java.time.temporal.TemporalAccessor",
            "java.time.temporal.TemporalAdjuster", "java.time.temporal.TemporalAmount",
            "java.time.temporal.TemporalUnit", "java.time.temporal.TemporalField")) {
      b.allowClassExcept(type, "now");
    }
    // rules are pure functions of their input: no randomness
    b.allowClassExcept("java.lang.Math", "random");
    b.allowClassExcept("java.lang.StrictMath", "random");
    b.allowMembers("java.lang.Object", "<init>", "equals", "hashCode", "toString");
    b.allowMembers("java.lang.Enum", "name", "ordinal", "compareTo", "equals", "hashCode", "toString");
    for (String type :
        List.of(
            "java.lang.RuntimeException", "java.lang.IllegalArgumentException",
            "java.lang.IllegalStateException", "java.lang.ArithmeticException",
            "java.lang.UnsupportedOperationException")) {
      b.allowMembers(type, "<init>", "getMessage");
    }
    b.allowMembers("java.lang.Throwable", "getMessage");
    b.allowMembers("java.util.function.Function", "apply");
    b.allowMembers("java.util.function.Supplier", "get");
    b.allowMembers("java.lang.Exception", "getMessage");
    // collections: reading and building, no iteration with callbacks (a loop in disguise)
    String[] read = {
      "size", "isEmpty", "contains", "containsAll", "containsKey", "containsValue", "get", "getOrDefault",
      "indexOf", "lastIndexOf", "keySet", "values", "entrySet", "subList", "equals", "hashCode", "toString",
      "getKey", "getValue", "firstKey", "lastKey", "first", "last", "peek", "getFirst", "getLast"
    };
    String[] write = {"<init>", "add", "put", "putIfAbsent", "remove", "addAll", "putAll", "clear", "set"};
    for (String type :
        List.of(
            "java.util.Collection", "java.util.List", "java.util.Set", "java.util.Map",
            "java.util.Map$Entry", "java.util.SortedMap", "java.util.NavigableMap", "java.util.SortedSet",
            "java.util.NavigableSet", "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet",
            "java.util.TreeSet", "java.util.ArrayDeque", "java.util.Deque", "java.util.Queue")) {
      b.allowMembers(type, read);
      b.allowMembers(type, write);
    }
    b.allowMembers("java.util.List", "of", "copyOf");
    b.allowMembers("java.util.Set", "of", "copyOf");
    b.allowMembers("java.util.Map", "of", "copyOf", "entry", "ofEntries");
    b.allowMembers("java.util.Arrays", "asList", "equals", "hashCode", "toString");
    b.allowMembers(
        "java.util.Collections", "emptyList", "emptyMap", "emptySet", "singletonList", "singleton",
        "singletonMap", "unmodifiableList", "unmodifiableMap", "unmodifiableSet");
    b.allowMembers(
        "java.util.Locale", "ROOT", "ENGLISH", "US", "UK", "GERMANY", "FRANCE", "forLanguageTag",
        "toLanguageTag", "getLanguage", "getCountry", "equals", "hashCode", "toString");
    b.allowMembers("java.util.UUID", "fromString", "nameUUIDFromBytes", "toString", "equals", "hashCode");
    return b;
  }

  /** Collects allowlist entries. Not thread-safe; {@link #build()} copies. */
  public static final class Builder {
    private final Map<String, Set<String>> entries;

    Builder(Map<String, Set<String>> entries) {
      this.entries = entries;
    }

    /**
     * Allows {@code className} with every public member except {@link #NEVER_ALLOWED}.
     *
     * @param className the binary name, e.g. {@code com.acme.Pricing} or {@code com.acme.Pricing$Tier}
     * @throws IllegalArgumentException when the name is not a class name
     */
    public Builder allowClass(String className) {
      entries.computeIfAbsent(checkClass(className), k -> new LinkedHashSet<>()).add(ALL);
      return this;
    }

    /**
     * Allows {@code className} with every public member except {@code excluded} and {@link
     * #NEVER_ALLOWED}.
     *
     * @throws IllegalArgumentException when a name is malformed
     */
    public Builder allowClassExcept(String className, String... excluded) {
      Set<String> set = entries.computeIfAbsent(checkClass(className), k -> new LinkedHashSet<>());
      set.add(ALL);
      for (String member : excluded) {
        Objects.requireNonNull(member, "member");
        if (!MEMBER.matcher(member).matches()) {
          throw new IllegalArgumentException(
              "a member must be a Java identifier or <init>, but was '" + member + "' (of " + className + ")");
        }
        set.remove(member);
        set.add("-" + member);
      }
      return this;
    }

    /**
     * Allows the named members of {@code className} (every overload), and the class as a type
     * (with no members: the class as a type only, e.g. a parameter type).
     *
     * @param members method or field names; {@code <init>} for constructors
     * @throws IllegalArgumentException when a name is malformed or in {@link #NEVER_ALLOWED}
     */
    public Builder allowMembers(String className, String... members) {
      Set<String> set = entries.computeIfAbsent(checkClass(className), k -> new LinkedHashSet<>());
      for (String member : members) {
        Objects.requireNonNull(member, "member");
        if (!MEMBER.matcher(member).matches()) {
          throw new IllegalArgumentException(
              "a member must be a Java identifier or <init>, but was '" + member + "' (of " + className + ")");
        }
        if (NEVER_ALLOWED.contains(member)) {
          throw new IllegalArgumentException(
              "member '" + member + "' of " + className + " can never be allowed: rules must not reach "
                  + NEVER_ALLOWED);
        }
        set.add(member);
      }
      return this;
    }

    private static String checkClass(String className) {
      Objects.requireNonNull(className, "className");
      if (!CLASS_NAME.matcher(className).matches()) {
        throw new IllegalArgumentException(
            "a class name must be a binary Java name such as com.acme.Pricing, but was '" + className + "'");
      }
      return className;
    }

    /** Builds the allowlist. */
    public RuleSandbox build() {
      return new RuleSandbox(entries);
    }
  }
}
