package dev.snapref.scenario;

/** {@code dmsetup create NAME --notable}: a mapped device with no table. */
public record CreateNoTableCommand(String name) implements Command {
    @Override
    public String echo() {
        return "dmsetup create " + Command.word(name) + " --notable";
    }
}
