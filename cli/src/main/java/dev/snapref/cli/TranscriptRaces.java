package dev.snapref.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Transcript lines a kernel does not print the same way twice, from {@code transcript-races.txt}
 * of a golden folder: lines {@code NAME REGEX # why}. A line of script NAME's transcript that
 * matches REGEX in full is compared as the regex only, so such a golden still checks everything
 * else byte for byte. For kernel bugs that print freed memory (Linux 6.12's cow-equals-origin
 * error path, see proofs-notes/linux-6.12-vs-6.1.md); never for the reference goldens' content.
 */
final class TranscriptRaces {
    private final List<Pattern> patterns;

    private TranscriptRaces(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /** The races of script {@code name} listed in {@code dir/transcript-races.txt} (none when absent). */
    static TranscriptRaces of(Path dir, String name) throws IOException {
        Path f = dir.resolve("transcript-races.txt");
        List<Pattern> out = new ArrayList<>();
        if (Files.isRegularFile(f)) {
            for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String t = l.replaceFirst("\\s+#.*$", "").strip();
                String[] w = t.split("\\s+", 2);
                if (w.length == 2 && w[0].equals(name)) {
                    try {
                        out.add(Pattern.compile(w[1]));
                    } catch (PatternSyntaxException e) {
                        throw new UsageException(f + ": bad pattern for " + name + ": " + e.getDescription());
                    }
                }
            }
        }
        return new TranscriptRaces(out);
    }

    boolean any() {
        return !patterns.isEmpty();
    }

    /** The transcript with each racing line replaced by its pattern. */
    String mask(String transcript) {
        StringBuilder sb = new StringBuilder();
        for (String line : transcript.split("\n", -1)) {
            String m = line;
            for (Pattern p : patterns) {
                if (p.matcher(line).matches()) {
                    m = "<varies: " + p.pattern() + ">";
                    break;
                }
            }
            sb.append(m).append('\n');
        }
        return sb.toString();
    }
}
