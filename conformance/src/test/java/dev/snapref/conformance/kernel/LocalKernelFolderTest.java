package dev.snapref.conformance.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.scenario.Script;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A kernel developer's folder boots: built here from the unpacked Debian 6.1 package the cache
 * holds (its bzImage as {@code bzImage} and its modules as flat {@code *.ko} files, the layout of
 * a built tree), it runs a golden script and gives the golden transcript. Skipped, saying why,
 * where QEMU or the cached 6.1 kernel is missing (run any {@code --target kernel} command once).
 */
class LocalKernelFolderTest {
    private static final Path GOLDENS = Path.of("../testdata/goldens");

    @Test
    void aFolderWithABzImageAndFlatModulesBootsAndConforms() throws Exception {
        assumeTrue(HostTools.find("qemu-system-x86_64").isPresent(), "skipped: QEMU is not installed");
        Path pkg = KernelFetch.folder(new KernelSource.DebianPackage(KernelSource.DEFAULT_PACKAGE, true));
        assumeTrue(Files.isDirectory(pkg.resolve("boot")), "skipped: the default kernel is not cached in " + pkg
                + " (any `./snapref run --target kernel` fetches it)");
        Path dir = Path.of("target/local-kernel-test").toAbsolutePath();
        KernelGuest.deleteTree(dir);
        Files.createDirectories(dir);
        Files.copy(KernelGuest.findImage(pkg), dir.resolve("bzImage"));
        try (Stream<Path> s = Files.walk(pkg.resolve("lib"))) {
            for (Path ko : s.filter(p -> p.getFileName().toString().contains(".ko")).toList()) {
                copyDecompressed(ko, dir);
            }
        }
        KernelTarget kernel = new KernelTarget(KernelGuest.obtain(KernelSource.parse(dir.toString())));
        Script script = Script.load(GOLDENS.resolve("cow-basic.dms"));
        TargetRun run = kernel.runAll(List.of(script)).get(0);
        assertEquals(Files.readString(GOLDENS.resolve("cow-basic.transcript")), run.transcript().render());
        assertTrue(kernel.release().orElse("").startsWith("6.1."), kernel.release().toString());
        assertEquals("v1.16.0", kernel.targetVersions().get("snapshot"));
    }

    private static void copyDecompressed(Path ko, Path dir) throws IOException {
        String name = ko.getFileName().toString();
        if (name.endsWith(".ko")) {
            Files.copy(ko, dir.resolve(name));
            return;
        }
        Path out = dir.resolve(name.substring(0, name.indexOf(".ko") + 3));
        String tool = name.endsWith(".xz") ? "xz" : name.endsWith(".zst") ? "zstd" : "gzip";
        try (InputStream in = new ProcessBuilder(tool, "-dc", ko.toString()).start().getInputStream();
             OutputStream o = Files.newOutputStream(out)) {
            in.transferTo(o);
        }
    }
}
