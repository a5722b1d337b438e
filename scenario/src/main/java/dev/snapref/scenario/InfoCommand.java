package dev.snapref.scenario;

/** {@code dmsetup info NAME}: prints {@code State:} and {@code Tables present:} only. */
public record InfoCommand(String name) implements Command {
    @Override
    public String echo() {
        return "dmsetup info " + Command.word(name);
    }
}
