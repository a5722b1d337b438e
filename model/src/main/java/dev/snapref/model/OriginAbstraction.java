package dev.snapref.model;

/**
 * The abstraction of a {@code snapshot-origin} target.
 *
 * @param length        table length in sectors (positive)
 * @param splitBoundary write split in sectors as computed at the last resume (0 if never resumed,
 *                      so always 0 for an inactive table)
 */
public record OriginAbstraction(long length, long splitBoundary) implements TableAbstraction {
    public OriginAbstraction {
        assert length > 0 && splitBoundary >= 0 : length + " " + splitBoundary;
    }

    @Override
    public String targetName() {
        return "snapshot-origin";
    }
}
