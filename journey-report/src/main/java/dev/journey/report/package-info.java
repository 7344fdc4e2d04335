/**
 * Reports a person opens: {@link dev.journey.report.HtmlReport} renders a journey's {@link
 * dev.journey.core.metrics.Measurements} as one self-contained, printable HTML file with a table
 * behind every chart.
 */
package dev.journey.report;
