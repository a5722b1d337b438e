package dev.snapref.conformance.targets.engine;

import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.Errno;

import java.util.Optional;

/**
 * The merge rule of the scenario format, as a runner keeps it: after a create or resume that
 * left a {@code snapshot-merge} table live, poll {@code dmsetup status NAME} until it shows
 * {@code A/T M} with {@code A = M} (all merged) or no {@code A/T M} form at all ({@code Merge
 * failed}, {@code Invalid}), for at most {@link #TIMEOUT_MS}; past that the command fails with
 * ETIMEDOUT. The engine merges in the background, so this is what makes its transcripts (and the
 * state the next command sees) independent of timing. One more wait the rule's intent asks for
 * (the command returns once the merge has finished) and its status test cannot see: a merge target
 * whose status has no {@code A/T M} form yet merges ({@code Overflow}, handed over from an
 * overflowed PO snapshot) — the runner also waits until the engine's merge has stopped
 * ({@link DeviceMapper#busy}). A kernel runner returns at once there, while the merge goes on.
 * Each poll pauses through the engine's {@code Interleaving} (1 ms by default; in a controlled
 * run of the races phase the other threads, the merge worker among them, run meanwhile).
 */
final class MergeWait {
    static final long TIMEOUT_MS = 60_000;

    private MergeWait() {
    }

    /** Waits for the merge {@code name}'s live table runs, if it is a snapshot-merge. */
    static void await(DeviceMapper dm, String name) throws DmException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (merging(dm.status(name, false)) || dm.busy(name)) {
            if (System.currentTimeMillis() > deadline) {
                throw new DmException(Errno.ETIMEDOUT, "merge of " + name + " did not finish");
            }
            try {
                dm.interleaving().pause("merge wait: " + name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DmException(Errno.ETIMEDOUT, "interrupted while waiting for the merge of " + name);
            }
        }
    }

    /** Whether a status line is a snapshot-merge's {@code A/T M} with {@code A != M}. */
    static boolean merging(Optional<String> status) {
        if (status.isEmpty()) {
            return false;
        }
        String[] w = status.get().split(" ");
        if (w.length != 5 || !w[2].equals("snapshot-merge") || !w[3].contains("/")) {
            return false;
        }
        return !w[3].substring(0, w[3].indexOf('/')).equals(w[4]);
    }
}
