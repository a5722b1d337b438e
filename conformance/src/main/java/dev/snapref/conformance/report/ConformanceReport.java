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
 * @param trend            the comparison with a previous report ({@link Trend#NONE} when there was none)
 */
public record ConformanceReport(String target, String bug, String date, List<ClauseResult> clauses,
                                int corpusScripts, int corpusDiverged, int explorerScripts, long fuzzScripts,
                                long commandsChecked, double seconds, Map<String, Long> phaseTransitions,
                                List<String> notes, Trend trend) {
    public ConformanceReport {
        clauses = List.copyOf(clauses);
        notes = List.copyOf(notes);
        trend = trend == null ? Trend.NONE : trend;
    }

    /** A report with no previous one to compare with. */
    public ConformanceReport(String target, String bug, String date, List<ClauseResult> clauses, int corpusScripts,
                             int corpusDiverged, int explorerScripts, long fuzzScripts, long commandsChecked,
                             double seconds, Map<String, Long> phaseTransitions, List<String> notes) {
        this(target, bug, date, clauses, corpusScripts, corpusDiverged, explorerScripts, fuzzScripts, commandsChecked,
                seconds, phaseTransitions, notes, Trend.NONE);
    }

    public boolean passed() {
        return clauses.stream().noneMatch(c -> c.status() == ClauseStatus.FAIL) && corpusDiverged == 0;
    }

    public long count(ClauseStatus s) {
        return clauses.stream().filter(c -> c.status() == s).count();
    }

    public double commandsPerSecond() {
        return seconds == 0 ? 0 : commandsChecked / seconds;
    }

    /** The failing rows, in catalogue order. */
    public List<ClauseResult> failing() {
        return clauses.stream().filter(c -> c.status() == ClauseStatus.FAIL).toList();
    }

    /** This report compared with {@code previous}. */
    public ConformanceReport withTrend(PreviousReport previous) {
        return with(clauses, notes, Trend.between(previous, clauses));
    }

    /** The same report with other rows, notes and trend. */
    ConformanceReport with(List<ClauseResult> rows, List<String> lines, Trend t) {
        return new ConformanceReport(target, bug, date, rows, corpusScripts, corpusDiverged, explorerScripts,
                fuzzScripts, commandsChecked, seconds, phaseTransitions, lines, t);
    }
}
