package dev.snapref.scenario;

/**
 * {@code write DEV SECTOR COUNT LABEL}: one O_DIRECT write of COUNT sectors at SECTOR; sector N
 * receives {@link SectorPattern#of(String, long) LABEL@N}.
 */
public record WriteCommand(DevicePath device, long sector, long count, String label) implements Command {
    public WriteCommand {
        assert sector >= 0 && count > 0 : "write range";
    }

    @Override
    public String echo() {
        return "write " + device.path() + " " + sector + " " + count + " " + label;
    }
}
