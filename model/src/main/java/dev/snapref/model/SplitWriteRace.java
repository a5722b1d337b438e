package dev.snapref.model;

/**
 * How a run resolves the one Linux 6.1 race the model states by name: a write that dm splits into
 * several pieces (at a snapshot's chunk size or an origin's split boundary) races kcopyd finishing
 * the first piece's copy-out against dm mapping the rest of the bio (dm_split_and_process_bio
 * resubmits the remainder). Either the first piece completes alone (its exceptions committed,
 * its data written) before the others are mapped, or every piece is mapped first. The two differ
 * only when a later piece cannot get an exception (the cow is full: the snapshot is invalidated
 * while the first piece is still pending, so its exception is never committed and a
 * partial-chunk write waiting for it is errored).
 *
 * <p>The reference outcome, the one the spec prints and the engine implements, is what the
 * reference recordings show: every piece of a {@code snapshot} write mapped first
 * (goldens/snapshot-write-overflow-metadata), the first piece of an origin write alone
 * (kernel-transcripts/cow-overflow). Linux 6.1 has been seen taking the other outcome of each
 * (testdata/scenarios/multi-piece-overflow): a comparison with a real kernel may accept it.
 *
 * <p>Each split write to a {@code snapshot} or {@code snapshot-origin} target is one decision, numbered
 * in the order the run meets them; a race outcome says which decisions take the other outcome.
 * An instance counts the decisions of one run: use a fresh one per run. Not thread-safe.
 */
public final class SplitWriteRace {
    private final boolean flipAll;
    private final int flipOnly;
    private int decisions;

    private SplitWriteRace(boolean flipAll, int flipOnly) {
        this.flipAll = flipAll;
        this.flipOnly = flipOnly;
    }

    /** Every decision takes the reference outcome. */
    public static SplitWriteRace reference() {
        return new SplitWriteRace(false, -1);
    }

    /** Every decision takes the other outcome. */
    public static SplitWriteRace otherEverywhere() {
        return new SplitWriteRace(true, -1);
    }

    /** Decision {@code i} (from 0) takes the other outcome, every other the reference one. */
    public static SplitWriteRace otherAt(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("decision " + i);
        }
        return new SplitWriteRace(false, i);
    }

    /**
     * Decides the next split write: whether its first piece completes alone.
     *
     * @param referenceAlone the reference outcome for this write's target
     */
    boolean firstPieceAlone(boolean referenceAlone) {
        int i = decisions++;
        boolean other = flipAll || i == flipOnly;
        return other != referenceAlone;
    }

    /** The split writes this instance has decided so far. */
    public int decisions() {
        return decisions;
    }
}
