package dev.snapref.conformance.race;

import java.nio.file.Path;

/**
 * A schedule of a race whose results no sequential order of its operations gives on the model.
 *
 * @param scenario    the scenario's name
 * @param schedule    the schedule (replayable with the scenario)
 * @param preemptions how many preemptions it has
 * @param verdict     what differed from the closest order
 * @param reproducer  the reproducer file, or null when none was written
 */
public record RaceFailure(String scenario, Schedule schedule, int preemptions, String verdict, Path reproducer) {
    /** One line for a report. */
    public String summary() {
        return "race " + scenario + ", schedule " + schedule.render() + " (" + preemptions + " preemption"
                + (preemptions == 1 ? "" : "s") + "): " + verdict
                + (reproducer == null ? "" : ", reproducer " + reproducer);
    }
}
