package dev.snapref.scenario;

/** {@code disk NAME SECTORS}: a zero-filled backing block device {@code /dev/disk/NAME}. */
public record DiskCommand(String name, long sectors) implements Command {
    public DiskCommand {
        assert sectors > 0 : "a disk has at least one sector";
    }

    @Override
    public String echo() {
        return "disk " + Command.word(name) + " " + sectors;
    }
}
