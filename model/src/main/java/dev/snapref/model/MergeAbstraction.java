package dev.snapref.model;

/**
 * The abstraction of a {@code snapshot-merge} target: what a snapshot's abstraction says of it
 * (the store it holds now, its flags, the exceptions not merged yet), and whether a merge step
 * failed.
 *
 * @param snapshot    the snapshot part (the same fields as a {@code snapshot} target's)
 * @param mergeFailed a merge step failed ("Merge failed" status)
 */
public record MergeAbstraction(SnapshotAbstraction snapshot, boolean mergeFailed) implements TableAbstraction {
    public MergeAbstraction {
        java.util.Objects.requireNonNull(snapshot, "snapshot");
    }

    @Override
    public long length() {
        return snapshot.length();
    }

    @Override
    public String targetName() {
        return "snapshot-merge";
    }
}
