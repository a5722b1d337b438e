package dev.snapref.scenario;

/** A command with the 1-based line of the script it came from. */
public record ScriptLine(int line, Command command) {
}
