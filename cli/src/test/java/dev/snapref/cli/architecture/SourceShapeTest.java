package dev.snapref.cli.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The house rules on the shape of main sources, for every module: no file over 400 lines, no
 * method over 60 lines, a {@code package-info.java} (the package's design record) in every package.
 */
class SourceShapeTest {
    static final int MAX_FILE_LINES = 400;
    static final int MAX_METHOD_LINES = 60;

    @Test
    void noMainFileIsOver400Lines() throws IOException {
        List<String> over = new ArrayList<>();
        for (Path f : SourceTree.mainSources()) {
            long n = Files.readAllLines(f).size();
            if (n > MAX_FILE_LINES) {
                over.add(SourceTree.root().relativize(f) + ": " + n + " lines");
            }
        }
        assertEquals(List.of(), over, "split these along the kernel's seams");
    }

    @Test
    void noMainMethodIsOver60Lines() throws IOException {
        List<String> over = new ArrayList<>();
        for (Path f : SourceTree.mainSources()) {
            for (MethodLengths.Method m : MethodLengths.of(Files.readString(f))) {
                if (m.lines() > MAX_METHOD_LINES) {
                    over.add(SourceTree.root().relativize(f) + ":" + m.firstLine() + " " + m.lines() + " lines");
                }
            }
        }
        assertEquals(List.of(), over);
    }

    @Test
    void everyMainPackageHasItsDesignRecord() {
        List<String> missing = SourceTree.mainPackageDirs().stream()
                .filter(d -> !Files.isRegularFile(d.resolve("package-info.java")))
                .map(d -> SourceTree.root().relativize(d).toString()).toList();
        assertEquals(List.of(), missing, "add a package-info.java: what the package owns, guarantees, its locks");
    }

    @Test
    void theMethodMeasureSeesMethodsAndSkipsLiteralsAndComments() {
        String src = "class A {\n  /** { */\n  int f(int x) {\n    String s = \"}{\";\n    return x;\n  }\n"
                + "  Runnable r = () -> { };\n  A() {\n  }\n}\n";
        List<MethodLengths.Method> ms = MethodLengths.of(src);
        assertEquals(2, ms.size(), ms.toString());
        assertEquals(3, ms.get(0).firstLine());
        assertEquals(4, ms.get(0).lines());
        assertTrue(ms.get(1).header().startsWith("A()"), ms.toString());
    }
}
