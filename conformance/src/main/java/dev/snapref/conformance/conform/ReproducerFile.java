package dev.snapref.conformance.conform;

import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptError;
import dev.snapref.scenario.ScriptParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reproducer file as any campaign writes it (fuzz {@code reproducers/}, the phase guards'
 * {@code crash-reproducers/}, the fault modes' {@code fault-reproducers/}): leading {@code # KEY:
 * value} comment lines, then the script. Read back so a report can show it inline, say how to
 * replay it and, when its phase is a checked one, re-run it.
 *
 * <p>Guarantee: {@link #read} never throws for a file's content: a script that does not parse
 * leaves {@link #script} empty. Limit: only the header keys campaigns write are understood; the
 * other comment lines are kept as {@link #facts} (what the campaign said about the failure).
 *
 * @param path   the file
 * @param text   its whole text
 * @param header {@code KEY: value} header lines, in order
 * @param facts  the other header comment lines, without the comment mark (exception, frames, detail)
 * @param script the parsed script, if it parses
 */
record ReproducerFile(Path path, String text, Map<String, String> header, List<String> facts,
                      Optional<Script> script) {
    /** Where a failure line names its reproducer ({@code reproducer PATH} or {@code reproducer=PATH}). */
    private static final Pattern NAMED = Pattern.compile("reproducer[ =](\\S+\\.dms)");
    private static final Set<String> KEYS = Set.of("phase", "mode", "seed", "targets", "bug", "signature", "replay",
            "script", "shrink", "clause", "failure");
    private static final Pattern KEY = Pattern.compile("# ([a-z]+): (.*)");

    /** The reproducer file {@code line} names, if it names one. */
    static Optional<Path> named(String line) {
        Matcher m = NAMED.matcher(line);
        return m.find() ? Optional.of(Path.of(m.group(1))) : Optional.empty();
    }

    static ReproducerFile read(Path path) throws IOException {
        String text = Files.readString(path);
        Map<String, String> header = new LinkedHashMap<>();
        List<String> facts = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                break;
            }
            Matcher m = KEY.matcher(line);
            if (m.matches() && KEYS.contains(m.group(1)) && !header.containsKey(m.group(1))) {
                header.put(m.group(1), m.group(2).trim());
            } else if (!line.startsWith("# snapref ")) {
                facts.add(line.replaceFirst("^# ?", ""));
            }
        }
        Optional<Script> script;
        try {
            script = Optional.of(ScriptParser.parse(path.getFileName().toString(), text));
        } catch (ScriptError | RuntimeException e) {
            script = Optional.empty();
        }
        return new ReproducerFile(path, text, header, facts, script);
    }

    /** The header's value for {@code key}, or "". */
    String get(String key) {
        return header.getOrDefault(key, "");
    }

    /**
     * How to replay it, with the file named as {@code shown}: the header's {@code replay} command
     * with {@code FILE} replaced (as it is when it names none), else {@code ./snapref replay FILE}.
     */
    String replay(String shown) {
        String r = get("replay");
        return r.isEmpty() ? "./snapref replay " + shown : r.replace("FILE", shown);
    }
}
