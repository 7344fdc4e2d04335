package dev.journey.drools;

/**
 * How DRL is compiled at runtime. Both produce the same rule behaviour; they differ in build time
 * and memory (see {@code docs/benchmarks.md}).
 */
public enum BuildPath {
  /**
   * The classic DRL compiler with MVEL constraints ({@code drools-mvel}): the fastest runtime build
   * (2.5-7x faster than the executable model in docs/benchmarks.md). The default.
   */
  CLASSIC,
  /**
   * The executable model ({@code drools-model-compiler}): generates and compiles Java for every
   * rule; slower to build at runtime, the path Drools recommends for precompiled kjars.
   */
  EXECUTABLE_MODEL
}
