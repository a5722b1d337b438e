package dev.snapref.model;

import dev.snapref.scenario.Script;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** Locates testdata/ (system property snapref.root, else walking up from the working directory). */
final class TestData {
    private TestData() {
    }

    static Path kernelTranscripts() {
        String root = System.getProperty("snapref.root");
        if (root != null && Files.isDirectory(Paths.get(root, "testdata"))) {
            return Paths.get(root, "testdata", "kernel-transcripts");
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testdata/kernel-transcripts"))) {
                return p.resolve("testdata/kernel-transcripts");
            }
        }
        throw new IllegalStateException("testdata/kernel-transcripts not found");
    }

    static List<Path> scripts() {
        return scriptsIn(kernelTranscripts());
    }

    /** The recorded scenario scripts of testdata/scenarios/NAME (those with a .transcript). */
    static List<Path> scenarios(String name) {
        Path dir = kernelTranscripts().resolveSibling("scenarios").resolve(name);
        return scriptsIn(dir).stream()
                .filter(p -> Files.exists(Paths.get(p.toString().replaceAll("\\.dms$", ".transcript")))).toList();
    }

    private static List<Path> scriptsIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".dms")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Script load(Path p) {
        try {
            return Script.load(p);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + p, e);
        }
    }

    static String transcriptOf(Path script) {
        try {
            return Files.readString(Paths.get(script.toString().replaceAll("\\.dms$", ".transcript")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
