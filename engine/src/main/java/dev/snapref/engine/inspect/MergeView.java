package dev.snapref.engine.inspect;

/**
 * A {@code snapshot-merge} target: its snapshot state (the store it holds now, the exceptions not
 * merged yet) and whether a merge step failed.
 *
 * @param snapshot    the snapshot part, as a {@code snapshot} target shows it
 * @param mergeFailed a merge step failed ("Merge failed" status)
 */
public record MergeView(SnapshotView snapshot, boolean mergeFailed) implements TargetView {
    @Override
    public long length() {
        return snapshot.length();
    }
}
