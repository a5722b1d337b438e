package dev.snapref.scenario;

/** {@code dmsetup remove NAME}. */
public record RemoveCommand(String name) implements Command {
    @Override
    public String echo() {
        return "dmsetup remove " + Command.word(name);
    }
}
