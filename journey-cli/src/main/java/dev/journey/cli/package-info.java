/**
 * The {@code journey} command line, on picocli. {@link dev.journey.cli.Main} is the top command;
 * each subcommand is one class ({@code check}, {@code demo}, {@code replay}); adding one is one
 * class plus one line in {@code Main}'s {@code subcommands}.
 */
package dev.journey.cli;
