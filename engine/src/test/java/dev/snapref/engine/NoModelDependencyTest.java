package dev.snapref.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine stands alone: no dependency on other snapref modules, in the pom or in imports. */
class NoModelDependencyTest {
    private static Path engineDir() {
        String root = System.getProperty("snapref.root");
        if (root != null && Files.isDirectory(Paths.get(root, "engine"))) {
            return Paths.get(root, "engine");
        }
        Path cwd = Paths.get("").toAbsolutePath();
        return Files.exists(cwd.resolve("pom.xml")) && cwd.endsWith("engine") ? cwd : cwd.resolve("engine");
    }

    @Test
    void pomHasNoSnaprefDependency() throws IOException {
        String pom = Files.readString(engineDir().resolve("pom.xml"));
        assertTrue(pom.contains("<artifactId>snapref-engine</artifactId>"));
        for (String m : List.of("snapref-model", "snapref-scenario", "snapref-conformance")) {
            assertFalse(pom.contains(m), "engine/pom.xml depends on " + m);
        }
    }

    @Test
    void sourcesImportNoOtherSnaprefModule() throws IOException {
        Path src = engineDir().resolve("src");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(p);
                for (String pkg : List.of("dev.snapref.model", "dev.snapref.scenario", "dev.snapref.conformance")) {
                    assertFalse(text.contains("import " + pkg), p + " imports " + pkg);
                }
            }
        }
    }
}
