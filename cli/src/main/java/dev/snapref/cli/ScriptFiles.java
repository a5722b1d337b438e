package dev.snapref.cli;

import dev.snapref.scenario.Script;
import dev.snapref.scenario.ScriptError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads script arguments: files, or folders whose {@code *.dms} files are taken in name order. */
public final class ScriptFiles {
    private ScriptFiles() {
    }

    /** Loads every script; a bad file or line is a {@link UsageException} naming it. */
    public static List<Script> load(List<Path> args) {
        List<Script> out = new ArrayList<>();
        for (Path p : expand(args)) {
            try {
                out.add(Script.load(p));
            } catch (ScriptError e) {
                throw new UsageException(e.getMessage());
            } catch (IOException e) {
                throw new UsageException("cannot read script " + p + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** Files as given; folders replaced by their {@code *.dms} files in name order. */
    public static List<Path> expand(List<Path> args) {
        List<Path> out = new ArrayList<>();
        for (Path p : args) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".dms")).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UsageException("cannot list " + p + ": " + e.getMessage());
                }
            } else if (!Files.isRegularFile(p)) {
                throw new UsageException("no such script file: " + p);
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
