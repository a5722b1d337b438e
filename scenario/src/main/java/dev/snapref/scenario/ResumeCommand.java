package dev.snapref.scenario;

/** {@code dmsetup resume NAME}. */
public record ResumeCommand(String name) implements Command {
    @Override
    public String echo() {
        return "dmsetup resume " + Command.word(name);
    }
}
