package dev.snapref.engine.store;

/**
 * What prepare_merge found: the newest run of {@code chunks} consecutive exceptions, ending at
 * origin chunk {@code lastOld} and cow chunk {@code lastNew} (both one less for each earlier
 * entry of the run). {@code chunks == 0}: nothing left to merge.
 *
 * @param chunks  how many consecutive exceptions (0: none left)
 * @param lastOld the run's last origin chunk
 * @param lastNew the run's last cow chunk
 */
public record MergeRun(int chunks, long lastOld, long lastNew) {
    /** Nothing left to merge. */
    public static final MergeRun NONE = new MergeRun(0, 0, 0);

    /** The run's first origin chunk. */
    public long firstOld() {
        return lastOld + 1 - chunks;
    }

    /** The run's first cow chunk. */
    public long firstNew() {
        return lastNew + 1 - chunks;
    }
}
