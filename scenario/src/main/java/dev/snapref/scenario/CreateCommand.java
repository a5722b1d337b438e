package dev.snapref.scenario;

/** {@code dmsetup create NAME --table 'TABLE'}: create, load and resume; a failed load leaves no device. */
public record CreateCommand(String name, String table) implements Command {
    @Override
    public String echo() {
        return "dmsetup create " + Command.word(name) + " --table '" + table + "'";
    }
}
