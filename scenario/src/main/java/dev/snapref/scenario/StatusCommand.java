package dev.snapref.scenario;

/** {@code dmsetup status [--inactive] NAME}: the target's status line of the live (or inactive) table. */
public record StatusCommand(String name, boolean inactive) implements Command {
    @Override
    public String echo() {
        return "dmsetup status " + (inactive ? "--inactive " : "") + Command.word(name);
    }
}
