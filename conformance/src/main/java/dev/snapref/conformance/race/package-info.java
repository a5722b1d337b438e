/**
 * The gate's deterministic concurrency phase ({@code races}): systematic, preemption-bounded
 * exploration of the engine's interleavings in small races around the handover, the copy-out and
 * the merge, each schedule's results checked against the model as the sequential specification.
 *
 * <ul>
 * <li>{@link dev.snapref.conformance.race.RaceScenario} and
 *     {@link dev.snapref.conformance.race.RaceScenarios}: what threads issue at once, after which
 *     set-up, checked by which commands; {@link dev.snapref.conformance.race.RaceText}: their text
 *     form (a scenario script with {@code # race:} sections and a schedule).</li>
 * <li>{@code ControlledScheduler}: the engine's {@link dev.snapref.engine.kernel.Interleaving}
 *     that runs one worker thread at a time, switching only at the engine's schedule points, waits
 *     and contended locks; a background worker the engine starts from a worker (the merge, through
 *     {@code Interleaving.startWorker}) becomes one more worker; {@code RaceExecution} runs a scenario under a
 *     {@link dev.snapref.conformance.race.Schedule}.</li>
 * <li>{@code SequentialSpec}: the per-operation model adapter — a run is admitted when some
 *     linearization of its operations (program order and real-time order kept) gives on the model
 *     the same per-operation results, kernel messages, check transcript, abstract world and disks.</li>
 * <li>{@code ScheduleExplorer}: every schedule with 0, then 1, then 2 preemptions (bounded);
 *     {@link dev.snapref.conformance.race.RaceCampaign}: all scenarios of a seed, failures with
 *     reproducers ({@link dev.snapref.conformance.race.RaceReproducer}).</li>
 * </ul>
 *
 * <p>Guarantees: deterministic for a seed, bug set and bounds — decisions never depend on time or
 * on the machine's scheduler; a throwable of an operation makes its run a failure (the worker's
 * throwable is reported, never rethrown, except fatal errors and interruptions). Limits: only the
 * engine has schedule points (the model and the kernel are not explored); races outside the
 * scenarios and interleavings beyond the bounds are not seen; the jcstress suite
 * ({@code snapref stress}) still runs real threads on real cores.
 */
package dev.snapref.conformance.race;
