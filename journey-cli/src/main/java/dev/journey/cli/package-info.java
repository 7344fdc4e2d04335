/**
 * The {@code journey} command line. {@link dev.journey.cli.Main} dispatches to the {@link
 * dev.journey.cli.Command subcommands}; adding one is one class plus one line in {@code Commands}.
 */
package dev.journey.cli;
