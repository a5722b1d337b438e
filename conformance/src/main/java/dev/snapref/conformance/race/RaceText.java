package dev.snapref.conformance.race;

import dev.snapref.scenario.Command;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptError;
import dev.snapref.scenario.ScriptLine;
import dev.snapref.scenario.ScriptParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text form of a race: a scenario script whose comment lines {@code # race: setup},
 * {@code # race: thread}, {@code # race: check} open the sections, and {@code # race: schedule
 * 2 1 1} names a schedule (threads numbered from 1, in the order their sections appear). Because
 * the markers are comments, the whole text is also an ordinary script: set-up, the threads one
 * after the other, the checks — any target runs it ({@code snapref run}, {@code snapref diff}).
 *
 * <p>Errors name the file, line and column ({@link ScriptError}); a text without a thread
 * section, or with a command before the first section, is refused.
 */
public final class RaceText {
    static final String MARK = "# race:";

    /** A parsed race text: the scenario and the schedule it names (the default one if none). */
    public record Parsed(RaceScenario scenario, Schedule schedule, boolean hasSchedule) {
    }

    private RaceText() {
    }

    /** Parses a race text. */
    public static Parsed parse(String file, String text) throws ScriptError {
        Script all = ScriptParser.parse(file, text);
        String[] lines = text.split("\n", -1);
        String[] sectionOf = new String[lines.length + 2];
        String section = null;
        String schedule = null;
        int scheduleLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith(MARK)) {
                String what = l.substring(MARK.length()).strip();
                if (what.startsWith("schedule")) {
                    schedule = what.substring("schedule".length());
                    scheduleLine = i + 1;
                } else if (what.equals("setup") || what.equals("thread") || what.equals("check")) {
                    section = what + "@" + i;
                } else {
                    throw new ScriptError(file, i + 1, 1, "unknown race section '" + what
                            + "' (setup, thread, check, schedule)");
                }
            }
            sectionOf[i + 1] = section;
        }
        return build(file, all, sectionOf, schedule, scheduleLine);
    }

    private static Parsed build(String file, Script all, String[] sectionOf, String schedule, int scheduleLine)
            throws ScriptError {
        List<Command> setup = new ArrayList<>();
        List<List<Command>> threads = new ArrayList<>();
        List<Command> check = new ArrayList<>();
        String lastThread = null;
        for (ScriptLine sl : all.lines()) {
            String s = sectionOf[sl.line()];
            if (s == null) {
                throw new ScriptError(file, sl.line(), 1, "command before the first '# race:' section");
            }
            if (s.startsWith("setup")) {
                setup.add(sl.command());
            } else if (s.startsWith("check")) {
                check.add(sl.command());
            } else {
                if (!s.equals(lastThread)) {
                    threads.add(new ArrayList<>());
                    lastThread = s;
                }
                threads.get(threads.size() - 1).add(sl.command());
            }
        }
        RaceScenario sc;
        try {
            sc = new RaceScenario(nameOf(file), setup, threads, check);
        } catch (IllegalArgumentException e) {
            throw new ScriptError(file, 1, 1, e.getMessage());
        }
        if (schedule == null) {
            return new Parsed(sc, Schedule.DEFAULT, false);
        }
        try {
            return new Parsed(sc, Schedule.parse(schedule, threads.size()), true);
        } catch (IllegalArgumentException e) {
            throw new ScriptError(file, scheduleLine, 1, e.getMessage());
        }
    }

    private static String nameOf(String file) {
        String n = file.substring(file.lastIndexOf('/') + 1);
        return n.endsWith(".dms") ? n.substring(0, n.length() - 4) : n;
    }

    /** The race as text: {@code header} lines as comments, the sections, the schedule if any. */
    public static String render(RaceScenario sc, Optional<Schedule> schedule, List<String> header) {
        StringBuilder sb = new StringBuilder();
        header.forEach(h -> sb.append("# ").append(h).append('\n'));
        sb.append(MARK).append(" setup\n");
        sc.setup().forEach(c -> sb.append(c.echo()).append('\n'));
        for (List<Command> t : sc.threads()) {
            sb.append(MARK).append(" thread\n");
            t.forEach(c -> sb.append(c.echo()).append('\n'));
        }
        sb.append(MARK).append(" check\n");
        sc.check().forEach(c -> sb.append(c.echo()).append('\n'));
        schedule.ifPresent(s -> sb.append(MARK).append(" schedule ").append(s.render()).append('\n'));
        return sb.toString();
    }
}
