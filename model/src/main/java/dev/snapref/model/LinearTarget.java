package dev.snapref.model;

/**
 * A {@code linear} target (dm-linear.c, 1.4.0): maps its sectors onto {@code device} from
 * {@code offset} on.
 *
 * @param device the lower device's volume key ({@link Volumes})
 * @param offset the first sector of the lower device it maps
 */
public record LinearTarget(String device, long offset) implements Target {
    public LinearTarget {
        assert offset >= 0 : offset;
    }

    @Override
    public String typeName() {
        return "linear";
    }
}
