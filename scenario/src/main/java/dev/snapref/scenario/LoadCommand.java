package dev.snapref.scenario;

/** {@code dmsetup load NAME --table 'TABLE'}: load into the inactive slot; the constructor runs now. */
public record LoadCommand(String name, String table) implements Command {
    @Override
    public String echo() {
        return "dmsetup load " + Command.word(name) + " --table '" + table + "'";
    }
}
