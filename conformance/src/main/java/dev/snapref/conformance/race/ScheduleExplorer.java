package dev.snapref.conformance.race;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Systematic exploration of a race's interleavings, bounded by preemptions (as CHESS does): every
 * schedule with no preemption first (the free choices where the running thread finished or
 * waits), then every schedule with one, and so on up to {@code maxPreemptions}, each run once on a
 * fresh engine ({@link RaceExecution}) and judged against the model ({@link SequentialSpec}).
 * Stateless: a schedule's children are its prefixes with one other choice at a decision past
 * the part it forced, so each schedule is run exactly once.
 *
 * <p>Guarantees: deterministic (same scenario, bugs and bounds: same schedules in the same
 * order, same verdict); stops at the first schedule the model does not admit, which therefore
 * has the fewest preemptions of all failing schedules explored; runs at most {@code maxSchedules}.
 * Limits: bugs that need more preemptions, or schedules beyond the cap, are not seen.
 */
final class ScheduleExplorer {
    /** A schedule the model did not admit, the run that showed it, and what differed. */
    record Found(RaceRun run, String verdict) {
    }

    /** How many schedules ran, the most preemptions any had, and what was found. */
    record Result(int schedules, int preemptionsReached, boolean exhausted, Optional<Found> found) {
    }

    private ScheduleExplorer() {
    }

    static Result explore(RaceExecution exec, SequentialSpec spec, int maxPreemptions, int maxSchedules) {
        Deque<Schedule> level = new ArrayDeque<>();
        level.add(Schedule.DEFAULT);
        int runs = 0;
        for (int bound = 0; bound <= maxPreemptions && !level.isEmpty(); bound++) {
            Deque<Schedule> next = new ArrayDeque<>();
            while (!level.isEmpty()) {
                if (runs >= maxSchedules) {
                    return new Result(runs, bound, false, Optional.empty());
                }
                Schedule s = level.pollLast();
                RaceRun r = exec.run(s);
                runs++;
                assert r.preemptions() == bound : "schedule at bound " + bound + " has " + r.preemptions();
                Optional<String> v = spec.verdict(r);
                if (v.isPresent()) {
                    return new Result(runs, bound, false, Optional.of(new Found(r, v.get())));
                }
                children(s, r, level, next);
            }
            level = next;
            if (level.isEmpty()) {
                return new Result(runs, bound, true, Optional.empty());
            }
        }
        return new Result(runs, maxPreemptions, level.isEmpty(), Optional.empty());
    }

    /** Adds the children of {@code s} (run as {@code r}): same bound to {@code same}, one more to {@code more}. */
    private static void children(Schedule s, RaceRun r, Deque<Schedule> same, Deque<Schedule> more) {
        List<Decision> ds = r.decisions();
        List<Integer> taken = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            Decision d = ds.get(i);
            if (i >= s.choices().size()) {
                for (int alt : d.enabled()) {
                    if (alt != d.chosen()) {
                        Schedule child = new Schedule(taken).then(alt);
                        (d.preempts(alt) ? more : same).addFirst(child);
                    }
                }
            }
            taken.add(d.chosen());
        }
    }
}
