package dev.snapref.scenario;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's testdata folder (surefire sets snapref.root; else walk up from the cwd). */
final class TestData {
    private TestData() {
    }

    static Path kernelTranscripts() {
        String root = System.getProperty("snapref.root");
        if (root != null && Files.isDirectory(Path.of(root, "testdata"))) {
            return Path.of(root, "testdata", "kernel-transcripts");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testdata/kernel-transcripts"))) {
                return p.resolve("testdata/kernel-transcripts");
            }
        }
        throw new IllegalStateException("testdata/kernel-transcripts not found");
    }
}
