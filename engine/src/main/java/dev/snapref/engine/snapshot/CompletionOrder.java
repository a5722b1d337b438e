package dev.snapref.engine.snapshot;

import dev.snapref.engine.kernel.EngineBug;

import java.util.ArrayDeque;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Completes a snapshot's exceptions in allocation order whatever order their copies finish in
 * ({@code complete_exception} with {@code out_of_order_tree}, 230c83afdd9c "avoid snapshot space
 * leak on crash"): a copied exception whose predecessors are still copying is parked until they
 * complete. Guarded by the snapshot's completion lock (the kcopyd callback context), which is taken
 * before the snapshot's lock.
 *
 * <p>Bug {@link EngineBug#COMMIT_OUT_OF_ORDER}: completion order is copy-finish order, as before
 * 230c83afdd9c; modelled as: copied exceptions wait until every pending exception of the snapshot
 * is copied, then complete latest first.
 */
final class CompletionOrder {
    private long nextToComplete;
    private final TreeMap<Long, PendingException> parked = new TreeMap<>();
    private final ArrayDeque<PendingException> copiedLatestFirst = new ArrayDeque<>();

    /**
     * {@code pe} finished copying: completes (through {@code complete}) every exception that may
     * complete now, in allocation order. {@code pending} is the snapshot's pending count, read
     * under its lock (used by the bug switch only).
     */
    void copied(PendingException pe, boolean outOfOrderBug, int pending, Consumer<PendingException> complete) {
        if (outOfOrderBug) {
            copiedLatestFirst.push(pe);
            if (copiedLatestFirst.size() >= pending) {
                while (!copiedLatestFirst.isEmpty()) {
                    complete.accept(copiedLatestFirst.pop());
                }
            }
            return;
        }
        if (pe.sequence != nextToComplete) {
            parked.put(pe.sequence, pe);
            return;
        }
        nextToComplete++;
        complete.accept(pe);
        PendingException next;
        while (!parked.isEmpty() && (next = parked.remove(nextToComplete)) != null) {
            nextToComplete++;
            complete.accept(next);
        }
    }
}
