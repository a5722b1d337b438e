package dev.snapref.scenario;

/** {@code dmsetup table [--inactive] NAME}: the target's table line of the live (or inactive) table. */
public record TableCommand(String name, boolean inactive) implements Command {
    @Override
    public String echo() {
        return "dmsetup table " + (inactive ? "--inactive " : "") + Command.word(name);
    }
}
