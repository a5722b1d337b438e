package dev.snapref.scenario;

/** {@code read DEV SECTOR COUNT}: one O_DIRECT read, printed as pattern runs ({@link ReadRuns}). */
public record ReadCommand(DevicePath device, long sector, long count) implements Command {
    public ReadCommand {
        assert sector >= 0 && count > 0 : "read range";
    }

    @Override
    public String echo() {
        return "read " + device.path() + " " + sector + " " + count;
    }
}
