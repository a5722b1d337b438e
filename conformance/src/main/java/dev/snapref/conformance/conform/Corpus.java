package dev.snapref.conformance.conform;

import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptError;
import dev.snapref.scenario.Transcript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The scenario corpus: every {@code NAME.dms} under the given folders (e.g.
 * {@code testdata/kernel-transcripts} and {@code testdata/goldens}), each with its recorded
 * kernel transcript {@code NAME.transcript} when present. A name found in several folders is
 * taken once, from the first.
 */
public final class Corpus {
    private Corpus() {
    }

    public static List<CorpusScript> load(List<Path> folders) {
        Map<String, CorpusScript> byName = new LinkedHashMap<>();
        for (Path dir : folders) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".dms")).sorted().toList()) {
                    String name = p.getFileName().toString().replaceAll("\\.dms$", "");
                    if (!byName.containsKey(name)) {
                        byName.put(name, load(name, p));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static CorpusScript load(String name, Path p) throws IOException {
        try {
            Script script = Script.load(p);
            Path t = p.resolveSibling(name + ".transcript");
            Optional<Transcript> rec = Files.isRegularFile(t)
                    ? Optional.of(Transcript.parse(Files.readString(t))) : Optional.empty();
            return new CorpusScript(name, script, rec);
        } catch (ScriptError e) {
            throw new IllegalArgumentException("corpus script " + e.getMessage(), e);
        }
    }

    /** The repository's testdata folder: next to the jar's module, or found upward from the cwd. */
    public static Optional<Path> findTestdata() {
        try {
            Path jar = Path.of(Corpus.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("testdata/kernel-transcripts"))) {
                    return Optional.of(p.resolve("testdata"));
                }
            }
        } catch (java.net.URISyntaxException | SecurityException e) {
            // fall back to the working directory
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testdata/kernel-transcripts"))) {
                return Optional.of(p.resolve("testdata"));
            }
        }
        return Optional.empty();
    }
}
