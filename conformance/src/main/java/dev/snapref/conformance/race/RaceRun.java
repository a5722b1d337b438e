package dev.snapref.conformance.race;

import dev.snapref.model.WorldAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.SectorContent;
import dev.snapref.scenario.TranscriptStep;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one controlled run of a {@link RaceScenario} on the engine gave: the set-up's steps, each
 * operation's result and interval, the kernel messages of the concurrent part (sorted: which
 * thread caused a message is not observable), the check's steps, the abstract world and the disks
 * at the end, and the decisions taken. {@code abnormal} says why the run did not end normally (an
 * operation threw, every thread waited, the run stalled); then check, world and disks are empty.
 */
public record RaceRun(List<TranscriptStep> setup, List<Op> ops, List<String> kmsg, List<TranscriptStep> check,
                      WorldAbstraction world, Map<String, List<SectorContent>> disks, List<Decision> decisions,
                      Optional<String> abnormal) {
    public RaceRun {
        setup = List.copyOf(setup);
        ops = List.copyOf(ops);
        kmsg = List.copyOf(kmsg);
        check = List.copyOf(check);
        disks = Map.copyOf(disks);
        decisions = List.copyOf(decisions);
    }

    /**
     * One operation of one thread and its result ({@code step} null when it threw or never ran).
     *
     * @param start the decision whose step began the operation (-1: it never began)
     * @param end   the decision whose step ended it (-1: it never ended)
     */
    public record Op(int thread, int index, Command command, TranscriptStep step, int start, int end) {
        /** Whether this operation ended before {@code other} began (so any valid order has it first). */
        boolean before(Op other) {
            return end >= 0 && other.start >= 0 && end < other.start;
        }
    }

    /** The schedule this run followed (its decisions' choices). */
    public Schedule schedule() {
        return new Schedule(decisions.stream().map(Decision::chosen).toList());
    }

    /** How many decisions preempted a worker that could have gone on. */
    public int preemptions() {
        return (int) decisions.stream().filter(Decision::preempted).count();
    }
}
