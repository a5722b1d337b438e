package dev.snapref.engine.kernel;

/**
 * How the engine marks a schedule point: {@code SchedulePoint.at(ctx.interleaving(), "where")}
 * is {@link Interleaving#point}, nothing more. Outside a controlled run a point does nothing;
 * in one it is where the run may switch threads, so removing a point changes no state, it only
 * removes interleavings from what the races phase explores.
 *
 * <p>Why a class of its own: mutation testing ({@code docs/mutation.md}) leaves calls to it out
 * ({@code avoidCallsTo}, as it does for logging calls), because removing a point is an equivalent
 * mutant by the guarantee above; the engine's other calls to the interleaving (waits, signals,
 * locks, workers) change behaviour when removed and stay mutated.
 */
public final class SchedulePoint {
    private SchedulePoint() {
    }

    /** {@code interleaving.point(where)}. */
    public static void at(Interleaving interleaving, String where) {
        interleaving.point(where);
    }
}
