package dev.snapref.conformance.kernel;

import dev.snapref.scenario.Transcript;
import dev.snapref.scenario.TranscriptStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The documented ways one kernel series prints a transcript differently from the reference (Linux
 * 6.1), as rules on its transcript lines, kept beside that series' goldens in
 * {@code on-linux-SERIES/known-differences.txt}. A kernel transcript that differs from the model's
 * but equals it once the rules are applied is a <em>known difference</em>: reported, and still
 * shown between kernels in the matrix, but not a clause failure; any other difference still fails.
 *
 * <p>File format, one rule a line ({@code #} starts a comment line, blank lines are skipped):
 * <pre>
 * rewrite REGEX =&gt; REPLACEMENT [when REGEX]
 * drop REGEX [when REGEX]
 * </pre>
 * A rule applies to each line of a step as the canonical transcript prints it without its
 * indentation ({@code $ echo}, {@code output}, {@code kmsg: ...}, {@code -> outcome}) that its
 * regex matches as a whole ({@code $1}... in the replacement); with {@code when}, only in a step
 * where some line (before any rule ran) matches that regex too. Rules run in file order.
 *
 * <p>Guarantees: a malformed rule is refused with its file and line; rules never touch a step no
 * rule matches, so a difference they do not describe stays a difference.
 */
public final class KnownDifferences {
    /** No rule: every difference counts. */
    public static final KnownDifferences NONE = new KnownDifferences("none", List.of());

    private static final String FILE = "known-differences.txt";

    private record Rule(Pattern pattern, Optional<String> replacement, Optional<Pattern> when) {
    }

    private final String source;
    private final List<Rule> rules;

    private KnownDifferences(String source, List<Rule> rules) {
        this.source = source;
        this.rules = List.copyOf(rules);
    }

    /** Where the rules come from ({@code on-linux-SERIES/known-differences.txt}, or "none"). */
    public String source() {
        return source;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * The rules for the kernel release {@code release} ("6.12.117+deb12-cloud-amd64"): the
     * {@code on-linux-MAJOR.MINOR/known-differences.txt} file in the first of {@code dirs} that has
     * one; none for the reference series 6.1 or an unknown release.
     */
    public static KnownDifferences forRelease(List<Path> dirs, String release) throws IOException {
        Matcher m = Pattern.compile("^(\\d+\\.\\d+)[.+-].*").matcher(release + "-");
        if (!m.matches() || m.group(1).equals("6.1")) {
            return NONE;
        }
        for (Path d : dirs) {
            Path f = d.resolve("on-linux-" + m.group(1)).resolve(FILE);
            if (Files.isRegularFile(f)) {
                return load(f);
            }
        }
        return NONE;
    }

    /** Reads a rules file. */
    public static KnownDifferences load(Path file) throws IOException {
        List<Rule> rules = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                rules.add(parse(l, file + ":" + (i + 1)));
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        String name = dir == null ? file.toString() : dir.getFileName() + "/" + file.getFileName();
        return new KnownDifferences(name, rules);
    }

    private static Rule parse(String line, String where) {
        try {
            String body = line;
            Optional<Pattern> when = Optional.empty();
            int w = body.lastIndexOf(" when ");
            if (w >= 0) {
                when = Optional.of(Pattern.compile(body.substring(w + 6).strip()));
                body = body.substring(0, w);
            }
            if (body.startsWith("drop ")) {
                return new Rule(Pattern.compile(body.substring(5).strip()), Optional.empty(), when);
            }
            int arrow = body.indexOf(" => ");
            if (!body.startsWith("rewrite ") || arrow < 0) {
                throw new IllegalArgumentException(where + ": expected 'rewrite REGEX => REPLACEMENT' or "
                        + "'drop REGEX' (optionally followed by 'when REGEX'): " + line);
            }
            return new Rule(Pattern.compile(body.substring(8, arrow).strip()),
                    Optional.of(body.substring(arrow + 4).strip()), when);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": bad regular expression: " + e.getDescription(), e);
        }
    }

    /** {@code t} with every rule applied, step by step. */
    public Transcript normalise(Transcript t) {
        StringBuilder sb = new StringBuilder();
        for (TranscriptStep s : t.steps()) {
            List<String> original = s.render().lines().map(KnownDifferences::unindent).toList();
            for (String line : original) {
                apply(line, original).ifPresent(l -> sb.append(l.startsWith("$ ") ? "" : "  ").append(l).append('\n'));
            }
        }
        return Transcript.parse(sb.toString());
    }

    private static String unindent(String renderedLine) {
        return renderedLine.startsWith("  ") ? renderedLine.substring(2) : renderedLine;
    }

    private Optional<String> apply(String line, List<String> step) {
        String out = line;
        for (Rule r : rules) {
            if (r.when().isPresent() && step.stream().noneMatch(l -> r.when().get().matcher(l).matches())) {
                continue;
            }
            Matcher m = r.pattern().matcher(out);
            if (!m.matches()) {
                continue;
            }
            if (r.replacement().isEmpty()) {
                return Optional.empty();
            }
            out = m.replaceFirst(r.replacement().get());
        }
        return Optional.of(out);
    }
}
