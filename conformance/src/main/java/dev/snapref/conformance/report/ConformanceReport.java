package dev.snapref.conformance.report;

import java.util.List;
import java.util.Map;

/**
 * Everything a conformance run found, ready for the report writers.
 *
 * @param target           the target held against the spec (engine, kernel)
 * @param bug              the bug switch that was on, or null
 * @param date             when the run started (ISO-8601)
 * @param clauses          one row per clause
 * @param corpusScripts    corpus scenarios run
 * @param corpusDiverged   corpus scenarios whose transcripts differed from the model's or the recorded kernel's
 * @param explorerScripts  scripts derived from the explorer's state graph
 * @param fuzzScripts      fuzz scripts run
 * @param commandsChecked  all checked commands
 * @param seconds          wall time of the run
 * @param phaseTransitions observed handover-phase transitions "FROM->TO" with counts (the coverage picture)
 * @param notes            free lines for the report (fuzz seed, shrunk reproducers, ...)
 */
public record ConformanceReport(String target, String bug, String date, List<ClauseResult> clauses,
                                int corpusScripts, int corpusDiverged, int explorerScripts, long fuzzScripts,
                                long commandsChecked, double seconds, Map<String, Long> phaseTransitions,
                                List<String> notes) {
    public boolean passed() {
        return clauses.stream().noneMatch(c -> c.status() == ClauseStatus.FAIL) && corpusDiverged == 0;
    }

    public long count(ClauseStatus s) {
        return clauses.stream().filter(c -> c.status() == s).count();
    }

    public double commandsPerSecond() {
        return seconds == 0 ? 0 : commandsChecked / seconds;
    }
}
