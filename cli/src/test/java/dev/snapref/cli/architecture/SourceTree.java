package dev.snapref.cli.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The checkout's main Java sources, found from the {@code snapref.root} system property (set by the build). */
final class SourceTree {
    /** The modules whose main sources the shape rules cover. */
    static final List<String> MODULES = List.of("scenario", "model", "engine", "conformance", "cli", "stress", "bench");

    private SourceTree() {
    }

    static Path root() {
        String root = System.getProperty("snapref.root");
        Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(p.resolve("engine"))) {
            throw new IllegalStateException("cannot find the checkout (snapref.root=" + root + ")");
        }
        return p;
    }

    /** Every main source file of {@link #MODULES}. */
    static List<Path> mainSources() {
        Path root = root();
        return MODULES.stream().map(m -> root.resolve(m).resolve("src/main/java")).filter(Files::isDirectory)
                .flatMap(SourceTree::javaFiles).sorted().toList();
    }

    /** The main packages of {@link #MODULES}: every folder holding a main source file. */
    static List<Path> mainPackageDirs() {
        return mainSources().stream().map(Path::getParent).distinct().toList();
    }

    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
