package dev.journey.report;

import dev.journey.core.metrics.Dimension;
import dev.journey.core.metrics.Distribution;
import dev.journey.core.metrics.Dispositions;
import dev.journey.core.metrics.Measurements;
import dev.journey.core.metrics.OwnerStats;
import dev.journey.core.metrics.SlaStats;
import dev.journey.core.metrics.Slice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Renders {@link Measurements} as one self-contained HTML file: inline CSS and SVG, no script, no
 * external resource (a Content-Security-Policy forbids any), so it opens offline and prints.
 * Every chart is a {@code <section class="chart">} with an SVG ({@code role="img"}, titled) and
 * the table of its numbers; every number cell carries a {@code data-metric} key (see {@link
 * #metrics}) so tests and tools can read the figures back.
 *
 * <p>Sections, by id: {@code overview}, {@code funnel-by-cohort}, {@code funnel-by-segment}, one
 * {@code distribution-<interval>} per interval (wall clock and business hours), {@code
 * sla-by-week}, {@code sla-by-policy}, {@code owners} (breaches and escalations) and {@code
 * dispositions} (recycles, disqualifications and losses by reason code); with a {@linkplain
 * Builder#candidate candidate}, also {@code candidate-vs-live} (the same milestone and SLA rates
 * per version side by side, with 95% intervals and the delta's interval) and, when given, {@code
 * decision-differences} (decisions that differ between the two, by kind).
 *
 * <pre>{@code
 * String html = HtmlReport.builder(measurements).title("Lead handoff").generatedAt(clock.instant()).build().render();
 * }</pre>
 */
public final class HtmlReport {
  /** Upper bounds of the duration histogram's bins; the last bin is everything longer. */
  public static final List<Duration> BINS =
      List.of(
          Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4),
          Duration.ofHours(8), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7));

  private static final String[] COLORS = {"#1f5fa8", "#d9730d", "#2e7d32", "#7b3fa0", "#b3261e", "#5f6368"};

  private final Measurements measurements;
  private final String title;
  private final Instant generatedAt;
  private final String liveLabel;
  private final String candidateLabel;
  private final Measurements candidate;
  private final Map<String, Long> differences;
  private final List<SubjectDifference> subjectDifferences;
  private final int differingSubjects;

  private HtmlReport(Builder b) {
    this.measurements = b.measurements;
    this.title = b.title;
    this.generatedAt = b.generatedAt;
    this.liveLabel = b.liveLabel;
    this.candidateLabel = b.candidateLabel;
    this.candidate = b.candidate;
    this.differences = b.differences;
    this.subjectDifferences = b.subjectDifferences;
    this.differingSubjects = b.differingSubjects;
  }

  /** Starts a report of the measurements. */
  public static Builder builder(Measurements measurements) {
    return new Builder(measurements);
  }

  /** The section ids the report has, in order (the chart sections and the overview). */
  public List<String> sectionIds() {
    List<String> ids = new ArrayList<>(List.of("overview", "funnel-by-cohort", "funnel-by-segment"));
    measurements.intervals().forEach(i -> ids.add("distribution-" + slug(i)));
    ids.addAll(List.of("sla-by-week", "sla-by-policy", "owners", "dispositions"));
    if (!measurements.reasonsOverTime().isEmpty()) {
      ids.add("dispositions-over-time");
    }
    if (candidate != null) {
      ids.add("candidate-vs-live");
      if (!differences.isEmpty()) {
        ids.add("decision-differences");
      }
    }
    return ids;
  }

  /**
   * Every number the report shows, by its {@code data-metric} key: {@code funnel|<cohort>|<milestone>},
   * {@code segment|<segment>|<milestone>}, {@code overall|<milestone>}, {@code
   * distribution|<interval>|<wall|business>|<bin>}, {@code sla-week|<week>|<started|met|breached|open>},
   * {@code sla-policy|<policy>|<...>}, {@code owner|<id>|<assigned|breaches|escalations>} and
   * {@code disposition|<exit>|<code>}, {@code disposition-week|<week>|<exit>|<code>|<rule version>|<segment>};
   * with a candidate also {@code compare|<live|candidate>|entered},
   * {@code compare|<live|candidate>|<milestone>}, {@code compare|<live|candidate>|sla (all)
   * started} and {@code ... met}, the same per SLA policy both runs started ({@code sla <policy>
   * started}, {@code ... met}), {@code decisions|<kind>}, and with subject differences {@code
   * subjects|differing} and {@code subject|<subject>|decisions}. Counts only; rates, intervals and
   * percentiles are shown but derived.
   */
  public Map<String, Long> metrics() {
    Map<String, Long> out = new LinkedHashMap<>();
    Slice all = measurements.overall();
    out.put("overall|entered", all.entered());
    all.reached().forEach((m, n) -> out.put("overall|" + m, n));
    cohorts().forEach((c, s) -> s.reached().forEach((m, n) -> out.put("funnel|" + c + "|" + m, n)));
    measurements.by(Dimension.SEGMENT).forEach((seg, s) -> s.reached().forEach((m, n) -> out.put("segment|" + seg + "|" + m, n)));
    for (String interval : measurements.intervals()) {
      long[] wall = histogram(all.wallClock().get(interval));
      long[] business = histogram(all.businessHours().get(interval));
      for (int b = 0; b < wall.length; b++) {
        out.put("distribution|" + interval + "|wall|" + binLabel(b), wall[b]);
        out.put("distribution|" + interval + "|business|" + binLabel(b), business[b]);
      }
    }
    weeks().forEach((w, s) -> sla(out, "sla-week|" + w, s));
    all.slas().forEach((p, s) -> sla(out, "sla-policy|" + p, s));
    measurements.owners().forEach(
        (id, o) -> {
          out.put("owner|" + id + "|assigned", o.assigned());
          out.put("owner|" + id + "|breaches", o.breaches());
          out.put("owner|" + id + "|escalations", o.escalations());
        });
    measurements.reasonsByExit().forEach(
        (exit, codes) -> codes.forEach((code, n) -> out.put("disposition|" + exit + "|" + code, n)));
    for (Measurements.ReasonRow r : measurements.reasonsOverTime()) {
      out.put(reasonKey(r), r.count());
    }
    if (candidate != null) {
      for (Map.Entry<String, Measurements> side : sides().entrySet()) {
        Slice all2 = side.getValue().overall();
        out.put("compare|" + side.getKey() + "|entered", all2.entered());
        for (String m : measurements.milestones()) {
          out.put("compare|" + side.getKey() + "|" + m, all2.count(m));
        }
        out.put("compare|" + side.getKey() + "|sla (all) started", all2.slaTotal().started());
        out.put("compare|" + side.getKey() + "|sla (all) met", all2.slaTotal().met());
        for (String policy : comparedPolicies()) {
          SlaStats st = all2.slas().getOrDefault(policy, SlaStats.NONE);
          out.put("compare|" + side.getKey() + "|sla " + policy + " started", st.started());
          out.put("compare|" + side.getKey() + "|sla " + policy + " met", st.met());
        }
      }
      differences.forEach((kind, n) -> out.put("decisions|" + kind, n));
      if (!subjectDifferences.isEmpty()) {
        out.put("subjects|differing", (long) differingSubjects);
        for (SubjectDifference d : subjectDifferences) {
          out.put("subject|" + d.subject() + "|decisions", d.decisions());
        }
      }
    }
    return out;
  }

  /** The two measured runs, live first. */
  private Map<String, Measurements> sides() {
    Map<String, Measurements> sides = new LinkedHashMap<>();
    sides.put("live", measurements);
    sides.put("candidate", candidate);
    return sides;
  }

  /** The SLA policies both runs started, sorted. */
  private List<String> comparedPolicies() {
    List<String> both = new ArrayList<>();
    for (String policy : policies()) {
      if (measurements.overall().slas().getOrDefault(policy, SlaStats.NONE).started() > 0
          && candidate.overall().slas().getOrDefault(policy, SlaStats.NONE).started() > 0) {
        both.add(policy);
      }
    }
    return both;
  }

  /** The SLA policies of either run, sorted. */
  private List<String> policies() {
    java.util.TreeSet<String> names = new java.util.TreeSet<>(measurements.overall().slas().keySet());
    names.addAll(candidate.overall().slas().keySet());
    return new ArrayList<>(names);
  }

  private static void sla(Map<String, Long> out, String prefix, SlaStats s) {
    out.put(prefix + "|started", s.started());
    out.put(prefix + "|met", s.met());
    out.put(prefix + "|breached", s.breached());
    out.put(prefix + "|open", s.open());
  }

  private Map<String, Slice> cohorts() {
    Map<String, Slice> cohorts = new LinkedHashMap<>(measurements.by(Dimension.COHORT_WEEK));
    cohorts.remove(Measurements.UNKNOWN);
    return cohorts;
  }

  private Map<String, SlaStats> weeks() {
    Map<String, SlaStats> weeks = new LinkedHashMap<>();
    measurements.slaByWeek().forEach(
        (w, policies) -> weeks.put(w, policies.values().stream().reduce(SlaStats.NONE, SlaStats::plus)));
    return weeks;
  }

  /** Writes {@link #render()} to a file (UTF-8), creating its directory. */
  public void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, render(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report " + file, e);
    }
  }

  /** The HTML document. */
  public String render() {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<header><h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">Journey <strong>")
        .append(esc(measurements.journey())).append("</strong> · ").append(measurements.subjects().size())
        .append(" subjects · generated ").append(esc(generatedAt.toString())).append("</p></header>\n<main>\n");
    overview(h);
    funnel(h, "funnel-by-cohort", "Funnel by cohort (week of entry)", "cohort", cohorts(), "funnel");
    funnel(h, "funnel-by-segment", "Funnel by segment", "segment", measurements.by(Dimension.SEGMENT), "segment");
    for (String interval : measurements.intervals()) {
      distribution(h, interval);
    }
    slaByWeek(h);
    slaByPolicy(h);
    owners(h);
    dispositions(h);
    dispositionsOverTime(h);
    if (candidate != null) {
      comparison(h);
      if (!differences.isEmpty()) {
        decisionDifferences(h);
      }
      if (!subjectDifferences.isEmpty()) {
        subjectDifferences(h);
      }
    }
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private void overview(StringBuilder h) {
    Slice all = measurements.overall();
    String entry = measurements.milestones().get(0);
    h.append("<section class=\"chart\" id=\"overview\">\n<h2>Overview</h2>\n");
    List<String> cats = new ArrayList<>(measurements.milestones());
    List<double[]> series = new ArrayList<>();
    series.add(cats.stream().mapToDouble(all::count).toArray());
    bars(h, "overview", "Subjects reaching each milestone", cats, List.of("subjects"), series, false);
    h.append("<table>\n<caption>Subjects reaching each milestone, rate from ").append(esc(entry))
        .append(" and from the previous milestone</caption>\n<thead><tr><th scope=\"col\">milestone</th><th scope=\"col\">subjects</th>")
        .append("<th scope=\"col\">rate from ").append(esc(entry)).append("</th><th scope=\"col\">from previous</th></tr></thead>\n<tbody>\n");
    String previous = null;
    for (String m : measurements.milestones()) {
      h.append("<tr><th scope=\"row\">").append(esc(m)).append("</th>");
      cell(h, "overall|" + m, all.count(m));
      h.append("<td>").append(pct(all.rate(m))).append("</td><td>")
          .append(previous == null ? "" : pct(all.conversion(previous, m))).append("</td></tr>\n");
      previous = m;
    }
    h.append("</tbody>\n</table>\n<p class=\"note\">Entered (reached ").append(esc(entry)).append("): ");
    h.append("<span data-metric=\"overall|entered\">").append(all.entered()).append("</span></p>\n</section>\n");
  }

  private void funnel(StringBuilder h, String id, String heading, String column, Map<String, Slice> groups, String key) {
    List<String> milestones = measurements.milestones();
    h.append("<section class=\"chart\" id=\"").append(id).append("\">\n<h2>").append(esc(heading)).append("</h2>\n");
    List<String> cats = new ArrayList<>(groups.keySet());
    List<double[]> series = new ArrayList<>();
    for (String m : milestones) {
      series.add(cats.stream().mapToDouble(c -> groups.get(c).count(m)).toArray());
    }
    bars(h, id, heading, cats, milestones, series, false);
    h.append("<table>\n<caption>").append(esc(heading)).append(": subjects per milestone (rate from ")
        .append(esc(milestones.get(0))).append(")</caption>\n<thead><tr><th scope=\"col\">").append(esc(column)).append("</th>");
    milestones.forEach(m -> h.append("<th scope=\"col\">").append(esc(m)).append("</th>"));
    h.append("</tr></thead>\n<tbody>\n");
    groups.forEach(
        (c, s) -> {
          h.append("<tr><th scope=\"row\">").append(esc(c)).append("</th>");
          for (String m : milestones) {
            h.append("<td data-metric=\"").append(esc(key + "|" + c + "|" + m)).append("\">").append(s.count(m)).append("</td>");
          }
          h.append("</tr>\n");
          h.append("<tr class=\"rate\"><th scope=\"row\">").append(esc(c)).append(" rate</th>");
          milestones.forEach(m -> h.append("<td>").append(pct(s.rate(m))).append("</td>"));
          h.append("</tr>\n");
        });
    h.append("</tbody>\n</table>\n</section>\n");
  }

  private void distribution(StringBuilder h, String interval) {
    Slice all = measurements.overall();
    Distribution wall = all.wallClock().get(interval);
    Distribution business = all.businessHours().get(interval);
    String id = "distribution-" + slug(interval);
    String heading = "Distribution: " + interval;
    long[] w = histogram(wall);
    long[] b = histogram(business);
    List<String> cats = new ArrayList<>();
    for (int i = 0; i < w.length; i++) {
      cats.add(binLabel(i));
    }
    h.append("<section class=\"chart\" id=\"").append(id).append("\">\n<h2>").append(esc(heading)).append("</h2>\n");
    bars(h, id, heading, cats, List.of("wall clock", "business hours"), List.of(toDouble(w), toDouble(b)), false);
    h.append("<table>\n<caption>").append(esc(interval)).append(": subjects per duration bin</caption>\n")
        .append("<thead><tr><th scope=\"col\">duration</th><th scope=\"col\">wall clock</th><th scope=\"col\">business hours</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < w.length; i++) {
      h.append("<tr><th scope=\"row\">").append(esc(cats.get(i))).append("</th>");
      cell(h, "distribution|" + interval + "|wall|" + cats.get(i), w[i]);
      cell(h, "distribution|" + interval + "|business|" + cats.get(i), b[i]);
      h.append("</tr>\n");
    }
    for (String p : List.of("p50", "p90", "max")) {
      h.append("<tr class=\"rate\"><th scope=\"row\">").append(p).append("</th><td>").append(human(stat(wall, p)))
          .append("</td><td>").append(human(stat(business, p))).append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n<p class=\"note\">").append(wall.count()).append(" measured.</p>\n</section>\n");
  }

  private void slaByWeek(StringBuilder h) {
    slaSection(h, "sla-by-week", "SLA adherence per week (all policies, by week the SLA started)", "week", weeks(), "sla-week");
  }

  private void slaByPolicy(StringBuilder h) {
    slaSection(h, "sla-by-policy", "SLA adherence per policy", "policy", measurements.overall().slas(), "sla-policy");
  }

  private void slaSection(StringBuilder h, String id, String heading, String column, Map<String, SlaStats> rows, String key) {
    List<String> cats = new ArrayList<>(rows.keySet());
    double[] adherence = cats.stream().mapToDouble(c -> rows.get(c).adherence() * 100).toArray();
    h.append("<section class=\"chart\" id=\"").append(id).append("\">\n<h2>").append(esc(heading)).append("</h2>\n");
    bars(h, id, heading, cats, List.of("adherence %"), List.of(adherence), true);
    h.append("<table>\n<caption>").append(esc(heading)).append("; adherence = met / (met + breached)</caption>\n<thead><tr><th scope=\"col\">")
        .append(column).append("</th><th scope=\"col\">started</th><th scope=\"col\">met</th><th scope=\"col\">breached</th>")
        .append("<th scope=\"col\">open</th><th scope=\"col\">adherence</th></tr></thead>\n<tbody>\n");
    rows.forEach(
        (c, s) -> {
          h.append("<tr><th scope=\"row\">").append(esc(c)).append("</th>");
          cell(h, key + "|" + c + "|started", s.started());
          cell(h, key + "|" + c + "|met", s.met());
          cell(h, key + "|" + c + "|breached", s.breached());
          cell(h, key + "|" + c + "|open", s.open());
          h.append("<td>").append(pct(s.adherence())).append("</td></tr>\n");
        });
    h.append("</tbody>\n</table>\n</section>\n");
  }

  private void owners(StringBuilder h) {
    Map<String, OwnerStats> owners = measurements.owners();
    List<String> cats = new ArrayList<>(owners.keySet());
    String heading = "SLA breaches and escalations per owner";
    h.append("<section class=\"chart\" id=\"owners\">\n<h2>").append(heading).append("</h2>\n");
    bars(h, "owners", heading, cats, List.of("breaches", "escalations"),
        List.of(cats.stream().mapToDouble(c -> owners.get(c).breaches()).toArray(),
            cats.stream().mapToDouble(c -> owners.get(c).escalations()).toArray()), false);
    h.append("<table>\n<caption>").append(heading).append(" (assignments for scale)</caption>\n<thead><tr><th scope=\"col\">owner</th>")
        .append("<th scope=\"col\">assigned</th><th scope=\"col\">breaches</th><th scope=\"col\">escalations</th></tr></thead>\n<tbody>\n");
    owners.forEach(
        (id, o) -> {
          h.append("<tr><th scope=\"row\">").append(esc(id)).append("</th>");
          cell(h, "owner|" + id + "|assigned", o.assigned());
          cell(h, "owner|" + id + "|breaches", o.breaches());
          cell(h, "owner|" + id + "|escalations", o.escalations());
          h.append("</tr>\n");
        });
    h.append("</tbody>\n</table>\n</section>\n");
  }

  private void dispositions(StringBuilder h) {
    Map<Dispositions.Exit, Map<String, Long>> byExit = measurements.reasonsByExit();
    List<String> cats = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    byExit.forEach((exit, codes) -> codes.forEach((code, n) -> {
      cats.add(exit.name().toLowerCase(Locale.ROOT) + " " + code);
      values.add((double) n);
    }));
    String heading = "Recycles, disqualifications and losses by reason code";
    h.append("<section class=\"chart\" id=\"dispositions\">\n<h2>").append(heading).append("</h2>\n");
    bars(h, "dispositions", heading, cats, List.of("subjects"), List.of(values.stream().mapToDouble(Double::doubleValue).toArray()), false);
    h.append("<table>\n<caption>").append(heading).append("</caption>\n<thead><tr><th scope=\"col\">exit</th><th scope=\"col\">reason code</th>")
        .append("<th scope=\"col\">count</th></tr></thead>\n<tbody>\n");
    byExit.forEach((exit, codes) -> codes.forEach((code, n) -> {
      h.append("<tr><td>").append(exit.name().toLowerCase(Locale.ROOT)).append("</td><th scope=\"row\">").append(esc(code)).append("</th>");
      cell(h, "disposition|" + exit + "|" + code, n);
      h.append("</tr>\n");
    }));
    h.append("</tbody>\n</table>\n</section>\n");
  }

  private static String reasonKey(Measurements.ReasonRow r) {
    return "disposition-week|" + r.week() + "|" + r.disposition().exit() + "|" + r.disposition().code() + "|"
        + r.ruleSetVersion() + "|" + r.segment();
  }

  /** Dispositions per week by exit (the chart), and by reason, rule version and segment (the table). */
  private void dispositionsOverTime(StringBuilder h) {
    List<Measurements.ReasonRow> rows = measurements.reasonsOverTime();
    java.util.TreeMap<String, long[]> byWeek = new java.util.TreeMap<>();
    Dispositions.Exit[] exits = Dispositions.Exit.values();
    for (Measurements.ReasonRow r : rows) {
      byWeek.computeIfAbsent(r.week(), w -> new long[exits.length])[r.disposition().exit().ordinal()] += r.count();
    }
    if (rows.isEmpty()) {
      return; // nothing over time: the section above says there is no disposition
    }
    String heading = "Recycles, disqualifications and losses per week, by reason, rule version and segment";
    h.append("<section class=\"chart\" id=\"dispositions-over-time\">\n<h2>").append(heading).append("</h2>\n");
    List<String> names = new ArrayList<>();
    List<double[]> series = new ArrayList<>();
    for (Dispositions.Exit exit : exits) {
      double[] values = byWeek.values().stream().mapToDouble(v -> v[exit.ordinal()]).toArray();
      if (java.util.Arrays.stream(values).anyMatch(v -> v > 0)) {
        names.add(exit.name().toLowerCase(Locale.ROOT));
        series.add(values);
      }
    }
    bars(h, "dispositions-over-time", heading, new ArrayList<>(byWeek.keySet()), names, series, false);
    h.append("<table>\n<caption>").append(heading).append("</caption>\n<thead><tr><th scope=\"col\">week</th>")
        .append("<th scope=\"col\">exit</th><th scope=\"col\">reason code</th><th scope=\"col\">rule version</th>")
        .append("<th scope=\"col\">segment</th><th scope=\"col\">count</th></tr></thead>\n<tbody>\n");
    for (Measurements.ReasonRow r : rows) {
      h.append("<tr><th scope=\"row\">").append(esc(r.week())).append("</th><td>")
          .append(r.disposition().exit().name().toLowerCase(Locale.ROOT)).append("</td><td>").append(esc(r.disposition().code()))
          .append("</td><td>").append(esc(r.ruleSetVersion())).append("</td><td>").append(esc(r.segment())).append("</td>");
      cell(h, reasonKey(r), r.count());
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n</section>\n");
  }

  /**
   * One subject whose decisions differ between live and candidate, for the per-subject table.
   *
   * @param subject the subject, e.g. {@code contact:1001651}
   * @param decisions how many of its decisions differ
   * @param signal its first differing decision's signal, {@code <type> <id>}
   * @param kinds what differs there, e.g. {@code state, timers}
   * @param cause the rules that caused it
   * @param first how it differs: the first line of that decision's differences
   */
  public record SubjectDifference(String subject, long decisions, String signal, String kinds, String cause, String first) {
    /** Validates. */
    public SubjectDifference {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(signal, "signal");
      Objects.requireNonNull(kinds, "kinds");
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(first, "first");
      if (decisions < 1) {
        throw new IllegalArgumentException("a differing subject has at least 1 differing decision, but had " + decisions);
      }
    }
  }

  /** The subjects whose decisions differ, each with its first divergence (a table, no chart). */
  private void subjectDifferences(StringBuilder h) {
    String heading = "Subjects whose decisions differ: " + candidateLabel + " against " + liveLabel;
    h.append("<section class=\"table\" id=\"subject-differences\">\n<h2>").append(esc(heading)).append("</h2>\n")
        .append("<p class=\"note\">The first ").append(subjectDifferences.size()).append(" of <span data-metric=\"subjects|differing\">")
        .append(differingSubjects).append("</span> subjects, each with its first differing decision; ")
        .append("<code>journey diff</code> lists every decision.</p>\n")
        .append("<table>\n<caption>").append(esc(heading)).append(": first divergence per subject</caption>\n")
        .append("<thead><tr><th scope=\"col\">subject</th><th scope=\"col\">differing decisions</th>")
        .append("<th scope=\"col\">first differing signal</th><th scope=\"col\">what differs</th>")
        .append("<th scope=\"col\">caused by</th><th scope=\"col\">how</th></tr></thead>\n<tbody>\n");
    for (SubjectDifference d : subjectDifferences) {
      h.append("<tr><th scope=\"row\">").append(esc(d.subject())).append("</th>");
      cell(h, "subject|" + d.subject() + "|decisions", d.decisions());
      h.append("<td>").append(esc(d.signal())).append("</td><td>").append(esc(d.kinds())).append("</td><td>")
          .append(esc(d.cause())).append("</td><td>").append(esc(d.first())).append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</section>\n");
  }

  /** One comparison row: a label, the live and candidate counts, and their totals. */
  private record Row(String label, String key, long live, long liveOf, long cand, long candOf) {}

  private List<Row> comparisonRows() {
    List<Row> rows = new ArrayList<>();
    Slice a = measurements.overall();
    Slice b = candidate.overall();
    for (String m : measurements.milestones()) {
      rows.add(new Row(m, m, a.count(m), a.entered(), b.count(m), b.entered()));
    }
    SlaStats allA = a.slaTotal();
    SlaStats allB = b.slaTotal();
    rows.add(new Row("SLAs met (all policies)", "sla (all) met", allA.met(), allA.started(), allB.met(), allB.started()));
    for (String policy : policies()) {
      SlaStats x = a.slas().getOrDefault(policy, SlaStats.NONE);
      SlaStats y = b.slas().getOrDefault(policy, SlaStats.NONE);
      if (x.started() > 0 && y.started() > 0) { // a policy only one version uses has nothing to compare
        rows.add(new Row("SLA " + policy + " met", "sla " + policy + " met", x.met(), x.started(), y.met(), y.started()));
      }
    }
    return rows;
  }

  private void comparison(StringBuilder h) {
    String heading = "Candidate vs live: " + candidateLabel + " against " + liveLabel;
    List<Row> rows = comparisonRows();
    h.append("<section class=\"chart\" id=\"candidate-vs-live\">\n<h2>").append(esc(heading)).append("</h2>\n");
    List<String> cats = new ArrayList<>();
    double[] live = new double[rows.size()];
    double[] cand = new double[rows.size()];
    List<double[]> whiskers = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      cats.add(r.label());
      double[] x = Rates.wilson(r.live(), r.liveOf());
      double[] y = Rates.wilson(r.cand(), r.candOf());
      live[i] = x[0] * 100;
      cand[i] = y[0] * 100;
      whiskers.add(new double[] {x[1] * 100, x[2] * 100, y[1] * 100, y[2] * 100});
    }
    bars(h, "candidate-vs-live", heading + " (rates with 95% intervals)", cats,
        List.of(liveLabel + " (live)", candidateLabel + " (candidate)"), List.of(live, cand), true, whiskers);
    h.append("<table>\n<caption>").append(esc(heading)).append(": milestone rates from ")
        .append(esc(measurements.milestones().get(0))).append(" and SLA adherence (met of started), with 95% Wilson intervals;")
        .append(" the delta is candidate minus live in percentage points, with its 95% Newcombe interval</caption>\n")
        .append("<thead><tr><th scope=\"col\">figure</th><th scope=\"col\">live</th><th scope=\"col\">of</th>")
        .append("<th scope=\"col\">live rate [95%]</th><th scope=\"col\">candidate</th><th scope=\"col\">of</th>")
        .append("<th scope=\"col\">candidate rate [95%]</th><th scope=\"col\">delta [95%]</th></tr></thead>\n<tbody>\n");
    String entry = measurements.milestones().get(0);
    for (Row r : rows) {
      boolean milestone = !r.key().startsWith("sla ");
      h.append("<tr><th scope=\"row\">").append(esc(r.label())).append("</th>");
      cell(h, "compare|live|" + r.key(), r.live());
      if (milestone) {
        h.append("<td>").append(r.liveOf()).append("</td>");
      } else {
        cell(h, "compare|live|" + r.key().replace(" met", " started"), r.liveOf());
      }
      h.append("<td>").append(interval(Rates.wilson(r.live(), r.liveOf()))).append("</td>");
      cell(h, "compare|candidate|" + r.key(), r.cand());
      if (milestone) {
        h.append("<td>").append(r.candOf()).append("</td>");
      } else {
        cell(h, "compare|candidate|" + r.key().replace(" met", " started"), r.candOf());
      }
      h.append("<td>").append(interval(Rates.wilson(r.cand(), r.candOf()))).append("</td><td>")
          .append(delta(Rates.difference(r.cand(), r.candOf(), r.live(), r.liveOf()))).append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n<p class=\"note\">Entered (reached ").append(esc(entry)).append("): live ")
        .append("<span data-metric=\"compare|live|entered\">").append(measurements.overall().entered()).append("</span>, candidate ")
        .append("<span data-metric=\"compare|candidate|entered\">").append(candidate.overall().entered())
        .append("</span>. Both runs replay the same signals, so the intervals, which treat them as independent samples,")
        .append(" are conservative.</p>\n");
    h.append("<table>\n<caption>Median durations (wall clock), live and candidate</caption>\n<thead><tr><th scope=\"col\">interval</th>")
        .append("<th scope=\"col\">live n</th><th scope=\"col\">live p50</th><th scope=\"col\">candidate n</th>")
        .append("<th scope=\"col\">candidate p50</th></tr></thead>\n<tbody>\n");
    for (String interval : measurements.intervals()) {
      Distribution x = measurements.overall().wallClock().get(interval);
      Distribution y = candidate.overall().wallClock().get(interval);
      h.append("<tr><th scope=\"row\">").append(esc(interval)).append("</th><td>").append(x == null ? 0 : x.count())
          .append("</td><td>").append(x == null || x.count() == 0 ? "" : human(x.p50())).append("</td><td>")
          .append(y == null ? 0 : y.count()).append("</td><td>").append(y == null || y.count() == 0 ? "" : human(y.p50()))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</section>\n");
  }

  private void decisionDifferences(StringBuilder h) {
    String heading = "Decisions that differ: " + candidateLabel + " against " + liveLabel;
    h.append("<section class=\"chart\" id=\"decision-differences\">\n<h2>").append(esc(heading)).append("</h2>\n");
    List<String> cats = new ArrayList<>(differences.keySet());
    double[] values = differences.values().stream().mapToDouble(Long::doubleValue).toArray();
    bars(h, "decision-differences", heading + ", by kind", cats, List.of("decisions"), List.of(values), false);
    h.append("<table>\n<caption>").append(esc(heading))
        .append(", by kind (a decision counts under each kind it differs in)</caption>\n")
        .append("<thead><tr><th scope=\"col\">kind</th><th scope=\"col\">decisions</th></tr></thead>\n<tbody>\n");
    differences.forEach((kind, n) -> {
      h.append("<tr><th scope=\"row\">").append(esc(kind)).append("</th>");
      cell(h, "decisions|" + kind, n);
      h.append("</tr>\n");
    });
    h.append("</tbody>\n</table>\n</section>\n");
  }

  private static String interval(double[] r) {
    return String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]", r[0] * 100, r[1] * 100, r[2] * 100);
  }

  private static String delta(double[] d) {
    return String.format(Locale.ROOT, "%+.1f pp [%+.1f, %+.1f]", d[0] * 100, d[1] * 100, d[2] * 100);
  }

  private static void bars(
      StringBuilder h, String id, String heading, List<String> cats, List<String> names, List<double[]> series, boolean percent) {
    bars(h, id, heading, cats, names, series, percent, List.of());
  }

  /**
   * A grouped vertical bar chart as inline SVG; {@code whiskers}, when not empty, holds per
   * category the low and high end of each series' interval ({@code {lo0, hi0, lo1, hi1, ...}}).
   */
  private static void bars(
      StringBuilder h, String id, String heading, List<String> cats, List<String> names, List<double[]> series, boolean percent,
      List<double[]> whiskers) {
    int width = 880;
    int height = 300;
    int left = 56;
    int right = 16;
    int top = 28;
    boolean rotate = cats.size() > 8 || cats.stream().anyMatch(c -> c.length() > 12);
    int bottom = rotate ? 96 : 40;
    double max = percent ? 100 : 0;
    for (double[] s : series) {
      for (double v : s) {
        max = Math.max(max, v);
      }
    }
    max = max <= 0 ? 1 : niceCeiling(max);
    int plotW = width - left - right;
    int plotH = height - top - bottom;
    h.append("<svg role=\"img\" aria-labelledby=\"").append(id).append("-t\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"").append(id).append("-t\">").append(esc(heading))
        .append("</title>\n");
    for (int t = 0; t <= 4; t++) {
      double v = max * t / 4;
      double y = top + plotH - plotH * t / 4.0;
      h.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", left, width - right, y, y))
          .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>\n",
              left - 6, y + 4, percent ? fmt(v) + "%" : fmt(v)));
    }
    if (cats.isEmpty()) {
      h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\">no data</text>", left + 10, top + plotH / 2));
    }
    double group = cats.isEmpty() ? plotW : plotW / (double) cats.size();
    double bar = Math.max(1, (group * 0.8) / series.size());
    for (int c = 0; c < cats.size(); c++) {
      double x0 = left + c * group + group * 0.1;
      for (int s = 0; s < series.size(); s++) {
        double v = series.get(s)[c];
        double bh = plotH * v / max;
        h.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: %s</title></rect>",
            x0 + s * bar, top + plotH - bh, Math.max(0.5, bar - 1), bh, COLORS[s % COLORS.length],
            esc(cats.get(c)), esc(names.get(s)), percent ? fmt(v) + "%" : fmt(v)));
        if (!whiskers.isEmpty()) {
          double lo = top + plotH - plotH * whiskers.get(c)[2 * s] / max;
          double hi = top + plotH - plotH * whiskers.get(c)[2 * s + 1] / max;
          double wx = x0 + s * bar + Math.max(0.5, bar - 1) / 2;
          h.append(String.format(Locale.ROOT,
              "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\" class=\"whisker\"/>",
              wx, lo, hi, wx - 4, lo, wx + 4, wx - 4, hi, wx + 4));
        }
      }
      double cx = left + c * group + group / 2;
      double ly = top + plotH + 14;
      if (rotate) {
        h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\" transform=\"rotate(-40 %.1f %.1f)\">%s</text>\n",
            cx, ly, cx, ly, esc(cats.get(c))));
      } else {
        h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"middle\">%s</text>\n", cx, ly, esc(cats.get(c))));
      }
    }
    h.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"axis\"/>", left, width - right, top + plotH, top + plotH));
    int lx = left;
    for (int s = 0; s < names.size(); s++) {
      h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"8\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"18\" class=\"legend\">%s</text>",
          lx, COLORS[s % COLORS.length], lx + 16, esc(names.get(s))));
      lx += 28 + names.get(s).length() * 7;
    }
    h.append("</svg>\n");
  }

  private static double niceCeiling(double v) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= v) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static void cell(StringBuilder h, String key, long value) {
    h.append("<td data-metric=\"").append(esc(key)).append("\">").append(value).append("</td>");
  }

  static long[] histogram(Distribution d) {
    long[] bins = new long[BINS.size() + 1];
    for (Duration v : d.values()) {
      int b = 0;
      while (b < BINS.size() && v.compareTo(BINS.get(b)) > 0) {
        b++;
      }
      bins[b]++;
    }
    return bins;
  }

  static String binLabel(int bin) {
    return bin < BINS.size() ? "≤ " + human(BINS.get(bin)) : "> " + human(BINS.get(BINS.size() - 1));
  }

  private static double[] toDouble(long[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  private static Duration stat(Distribution d, String which) {
    switch (which) {
      case "p50":
        return d.p50();
      case "p90":
        return d.p90();
      default:
        return d.max();
    }
  }

  /** {@code 42m}, {@code 3h05m}, {@code 2d03h}. */
  static String human(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 60) {
      return minutes + "m";
    }
    if (minutes < 24 * 60) {
      return minutes % 60 == 0 ? minutes / 60 + "h" : String.format(Locale.ROOT, "%dh%02dm", minutes / 60, minutes % 60);
    }
    long hours = minutes / 60 % 24;
    return hours == 0 ? minutes / (24 * 60) + "d" : String.format(Locale.ROOT, "%dd%02dh", minutes / (24 * 60), hours);
  }

  private static String pct(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%d", (long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final String CSS =
      "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0;color:#1b1b1b;background:#fff}\n"
          + "header{padding:16px 24px;border-bottom:3px solid #1f5fa8}h1{margin:0;font-size:24px}\n"
          + ".meta{margin:4px 0 0;color:#444}main{padding:8px 24px;max-width:960px}\n"
          + ".chart{margin:20px 0 28px;break-inside:avoid;page-break-inside:avoid}h2{font-size:18px;margin:0 0 6px}\n"
          + "svg{width:100%;max-width:880px;height:auto;display:block}.grid{stroke:#ddd}.axis{stroke:#333}.whisker{stroke:#111;stroke-width:1.5;fill:none}\n"
          + ".tick{font-size:11px;fill:#333}.legend{font-size:12px;fill:#1b1b1b}\n"
          + "table{border-collapse:collapse;margin-top:6px;font-size:13px}caption{text-align:left;color:#444;padding-bottom:4px}\n"
          + "th,td{border:1px solid #ccc;padding:2px 8px;text-align:right}th[scope=row]{text-align:left}thead th{background:#f0f3f8}\n"
          + "tr.rate td,tr.rate th{color:#555;font-size:12px}.note{color:#444;font-size:13px}\n"
          + "@media print{header{border-bottom:1px solid #000}main{max-width:none}.chart{margin:12px 0}body{font-size:10pt}}\n";

  /** Configures an {@link HtmlReport}. Not thread-safe. */
  public static final class Builder {
    private final Measurements measurements;
    private String title;
    private Instant generatedAt = Instant.EPOCH;
    private String liveLabel = "";
    private String candidateLabel = "";
    private Measurements candidate;
    private Map<String, Long> differences = Map.of();
    private List<SubjectDifference> subjectDifferences = List.of();
    private int differingSubjects;

    Builder(Measurements measurements) {
      this.measurements = Objects.requireNonNull(measurements, "measurements");
      this.title = "Journey report: " + measurements.journey();
    }

    /**
     * The document's title.
     *
     * @throws IllegalArgumentException when blank
     */
    public Builder title(String title) {
      Objects.requireNonNull(title, "title");
      if (title.isBlank()) {
        throw new IllegalArgumentException("title must not be blank");
      }
      this.title = title;
      return this;
    }

    /** The time printed as "generated" (take it from your {@code Clock}); default the epoch. */
    public Builder generatedAt(Instant at) {
      this.generatedAt = Objects.requireNonNull(at, "at");
      return this;
    }

    /**
     * Adds the candidate-vs-live comparison: {@code candidate} measured on a replay of the same
     * signals under another rule set (or wiring).
     *
     * @throws IllegalArgumentException for a blank label, or a candidate of another journey shape
     *     (other milestones)
     */
    public Builder candidate(String liveLabel, String candidateLabel, Measurements candidate) {
      Objects.requireNonNull(candidate, "candidate");
      if (Objects.requireNonNull(liveLabel, "liveLabel").isBlank()
          || Objects.requireNonNull(candidateLabel, "candidateLabel").isBlank()) {
        throw new IllegalArgumentException("the labels of live and candidate must not be blank");
      }
      if (!candidate.milestones().equals(measurements.milestones())) {
        throw new IllegalArgumentException(
            "the candidate must be measured with the same milestones " + measurements.milestones() + ", but had "
                + candidate.milestones());
      }
      this.liveLabel = liveLabel;
      this.candidateLabel = candidateLabel;
      this.candidate = candidate;
      return this;
    }

    /**
     * The subjects whose decisions differ between live and candidate, each with its first
     * divergence, shown as a table (the first {@code shown.size()} of {@code subjects}, in the
     * order given); needs {@link #candidate}.
     *
     * @throws IllegalArgumentException when {@code subjects} is less than the rows shown
     */
    public Builder subjectDifferences(List<SubjectDifference> shown, int subjects) {
      Objects.requireNonNull(shown, "shown");
      if (subjects < shown.size()) {
        throw new IllegalArgumentException(
            "subjects must count at least the " + shown.size() + " shown, but was " + subjects);
      }
      this.subjectDifferences = List.copyOf(shown);
      this.differingSubjects = subjects;
      return this;
    }

    /**
     * The number of decisions that differ between live and candidate, by kind (e.g. {@code state},
     * {@code owner}), shown in a section of their own; needs {@link #candidate}.
     *
     * @throws IllegalArgumentException for a negative count
     */
    public Builder decisionDifferences(Map<String, Long> byKind) {
      Objects.requireNonNull(byKind, "byKind");
      byKind.forEach((k, n) -> {
        if (n < 0) {
          throw new IllegalArgumentException("decision differences must be counts >= 0, but " + k + " was " + n);
        }
      });
      this.differences = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byKind));
      return this;
    }

    /**
     * Builds the report.
     *
     * @throws IllegalStateException when decision differences were given without a candidate
     */
    public HtmlReport build() {
      if (candidate == null && !differences.isEmpty()) {
        throw new IllegalStateException("decision differences need a candidate: call candidate(...) first");
      }
      return new HtmlReport(this);
    }
  }
}
