package dev.snapref.model;

/**
 * The abstraction of a {@code linear} target.
 *
 * @param length table length in sectors (positive)
 * @param device the lower device: a disk's name, or a mapped device's {@code /dev/mapper/NAME}
 * @param offset the lower device's first sector it maps
 */
public record LinearAbstraction(long length, String device, long offset) implements TableAbstraction {
    public LinearAbstraction {
        assert length > 0 && offset >= 0 : length + " " + offset;
        java.util.Objects.requireNonNull(device, "device");
    }

    @Override
    public String targetName() {
        return "linear";
    }
}
