package dev.snapref.engine.snapshot;

/**
 * Result of __find_snapshots_sharing_cow: how many snapshots of the same origin use the same cow,
 * the last active one (handover source) and the last inactive one (handover destination).
 */
record Sharing(int count, SnapshotTarget src, SnapshotTarget dest) {
    boolean handoverPending() {
        return src != null && dest != null;
    }
}
