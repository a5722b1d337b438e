package dev.snapref.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.snapref.conformance.conform.Corpus;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.conformance.targets.OutOfScope;
import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptError;
import dev.snapref.scenario.ScriptParser;
import dev.snapref.scenario.Transcript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Corrupt input (issue 7), bounded and seeded:
 * <ul>
 * <li>script lines of the recorded kernel scripts, mutated (words dropped, duplicated, swapped;
 *     random characters; bad numbers; unbalanced quotes; truncation), either parse or raise a
 *     {@link ScriptError} whose message is {@code FILE:LINE:COLUMN: PROBLEM} with the line at or
 *     after the mutated one, a column inside that line, and a problem that says what was expected
 *     (or names the broken quoting / duplicate disk); never another exception;</li>
 * <li>random table lines ({@code dmsetup create} and {@code dmsetup load}) give the same
 *     transcript on the model and the engine: the kernel's constructor messages and errnos (tables
 *     naming a target type the model declares out of scope are skipped).</li>
 * </ul>
 */
class CorruptInputTest {
    private static final Pattern POSITION = Pattern.compile("^(.+):(\\d+):(\\d+): (.+)$", Pattern.DOTALL);
    private static final String[] BAD_NUMBERS = {"-1", "0x10", "1e3", "08", "+8", "", "18446744073709551616",
            "99999999999999999999", "4294967296", "1.5", "٣", "0", "-0"};

    private static List<Path> scripts() throws IOException {
        Path td = Corpus.findTestdata().orElseThrow(() -> new IllegalStateException("testdata/ not found"));
        try (Stream<Path> s = Files.list(td.resolve("kernel-transcripts"))) {
            return s.filter(p -> p.toString().endsWith(".dms")).sorted().toList();
        }
    }

    @Test
    void mutatedScriptLinesParseOrNameFileLineColumnAndWhatWasExpected() throws IOException {
        Random rnd = new Random(7);
        int errors = 0;
        int parsed = 0;
        for (Path p : scripts()) {
            String[] lines = Files.readString(p).split("\n", -1);
            for (int k = 0; k < 120; k++) {
                int at = rnd.nextInt(lines.length);
                if (lines[at].isBlank() || lines[at].startsWith("#")) {
                    continue;
                }
                String[] copy = lines.clone();
                copy[at] = mutate(lines[at], rnd);
                String file = p.getFileName().toString();
                try {
                    ScriptParser.parse(file, String.join("\n", copy));
                    parsed++;
                } catch (ScriptError e) {
                    errors++;
                    checkError(e, file, at + 1, copy, lines[at] + " -> " + copy[at]);
                } catch (RuntimeException e) {
                    fail("mutated line " + (at + 1) + " of " + file + " (" + copy[at] + ") threw " + e, e);
                }
            }
        }
        assertTrue(errors > 500 && parsed > 50, errors + " errors, " + parsed + " parsed");
    }

    private static void checkError(ScriptError e, String file, int mutatedLine, String[] lines, String what) {
        Matcher m = POSITION.matcher(e.getMessage());
        assertTrue(m.matches(), "no FILE:LINE:COLUMN: in '" + e.getMessage() + "' for " + what);
        assertEquals(file, m.group(1), what);
        int line = Integer.parseInt(m.group(2));
        int column = Integer.parseInt(m.group(3));
        assertEquals(line, e.line());
        assertEquals(column, e.column());
        assertTrue(line >= mutatedLine && line <= lines.length, e.getMessage() + " for " + what);
        assertTrue(column >= 1 && column <= lines[line - 1].length() + 1, e.getMessage() + " for " + what);
        String problem = m.group(4);
        assertTrue(problem.startsWith("expected ") || problem.startsWith("unterminated ")
                || problem.equals("trailing backslash") || problem.endsWith("is already declared"),
                "the problem does not say what was expected: " + e.getMessage() + " for " + what);
    }

    private static String mutate(String line, Random rnd) {
        List<String> words = new ArrayList<>(Arrays.asList(line.split(" ", -1)));
        int w = rnd.nextInt(words.size());
        switch (rnd.nextInt(8)) {
            case 0 -> words.remove(w);
            case 1 -> words.add(w, words.get(w));
            case 2 -> {
                int v = rnd.nextInt(words.size());
                String t = words.get(w);
                words.set(w, words.get(v));
                words.set(v, t);
            }
            case 3 -> {
                StringBuilder sb = new StringBuilder(line);
                int pos = rnd.nextInt(line.length() + 1);
                char c = randomChar(rnd);
                if (pos < line.length() && rnd.nextBoolean()) {
                    sb.setCharAt(pos, c);
                } else {
                    sb.insert(pos, c);
                }
                return sb.toString();
            }
            case 4 -> words.set(w, BAD_NUMBERS[rnd.nextInt(BAD_NUMBERS.length)]);
            case 5 -> words.set(w, (rnd.nextBoolean() ? "'" : "\"") + words.get(w));
            case 6 -> {
                int q = line.indexOf('\'');
                return q < 0 ? line + "'" : line.substring(0, q) + line.substring(q + 1);
            }
            default -> {
                return line.substring(0, rnd.nextInt(line.length() + 1));
            }
        }
        return String.join(" ", words);
    }

    private static char randomChar(Random rnd) {
        String special = "'\"\\ \t#$;|&*?~`\u0000\u00e9\u2028";
        char c = rnd.nextBoolean() ? special.charAt(rnd.nextInt(special.length())) : (char) (32 + rnd.nextInt(95));
        return c == '\n' || c == '\r' ? 'x' : c;
    }

    @Test
    void randomTableLinesGetTheSameTranscriptOnModelAndEngine() throws ScriptError {
        Target model = ModelTarget.fromOptions(TargetOptions.defaults());
        Target engine = new EngineTarget();
        Random rnd = new Random(11);
        int compared = 0;
        int skipped = 0;
        for (int k = 0; k < 1500; k++) {
            String table = randomTable(rnd);
            String text = "disk origin 64\ndisk cow 32\ndisk small 4\n"
                    + "dmsetup create o --table '0 64 snapshot-origin /dev/disk/origin'\n"
                    + "dmsetup create x --table '" + table + "'\n"
                    + "dmsetup create y --notable\n"
                    + "dmsetup load y --table '" + randomTable(rnd) + "'\n"
                    + "dmsetup table --inactive y\ndmsetup status x\ndmsetup table x\n";
            Script s;
            try {
                s = ScriptParser.parse("table-" + k + ".dms", text);
            } catch (ScriptError e) {
                continue; // tables without quotes or newlines always parse; kept for safety
            }
            Transcript m;
            try {
                m = model.run(s).transcript();
            } catch (OutOfScope limitation) {
                skipped++; // a target type the model declares out of scope (linear, snapshot-merge)
                continue;
            }
            Transcript e = engine.run(s).transcript();
            if (!m.equals(e)) {
                fail("table '" + table + "': model and engine differ\nmodel:\n" + m.render() + "\nengine:\n" + e.render());
            }
            compared++;
        }
        assertTrue(compared > 1000, compared + " compared, " + skipped + " out of the model's scope");
    }

    private static final String[] STARTS = {"0", "0", "0", "1", "-1", "abc", "18446744073709551616", ""};
    private static final String[] LENGTHS = {"64", "64", "32", "65", "1", "0", "x", "18446744073709551615", "-64"};
    private static final String[] TARGETS = {"snapshot", "snapshot", "snapshot", "snapshot-origin", "SNAPSHOT",
            "snapshot-merge", "linear", "nope", ""};
    private static final String[] DEVICES = {"/dev/disk/origin", "/dev/disk/cow", "/dev/disk/small", "/dev/disk/nope",
            "/dev/mapper/o", "origin", "/dev/disk/", "253:0"};
    private static final String[] STORES = {"P", "PO", "N", "p", "n", "PX", "Po", "O", "", "persistent", "NO"};
    private static final String[] CHUNKS = {"8", "0", "1", "3", "16", "32", "64", "2097152", "4194304", "4294967296",
            "+8", "08", "-8", "x", "8x", ""};

    private static String randomTable(Random rnd) {
        List<String> w = new ArrayList<>();
        w.add(pick(STARTS, rnd));
        w.add(pick(LENGTHS, rnd));
        w.add(pick(TARGETS, rnd));
        int args = rnd.nextInt(10) < 8 ? 4 : rnd.nextInt(7);
        for (int i = 0; i < args; i++) {
            w.add(switch (i) {
                case 0, 1 -> pick(DEVICES, rnd);
                case 2 -> pick(STORES, rnd);
                case 3 -> pick(CHUNKS, rnd);
                default -> rnd.nextBoolean() ? "1" : rnd.nextBoolean() ? "discard_zeroes_cow" : "extra";
            });
        }
        if (rnd.nextInt(8) == 0 && w.size() > 1) {
            w.remove(rnd.nextInt(w.size()));
        }
        return String.join(" ", w).strip();
    }

    private static String pick(String[] a, Random rnd) {
        return a[rnd.nextInt(a.length)];
    }
}
