package dev.snapref.scenario;

/** {@code dmsetup suspend NAME}. */
public record SuspendCommand(String name) implements Command {
    @Override
    public String echo() {
        return "dmsetup suspend " + Command.word(name);
    }
}
