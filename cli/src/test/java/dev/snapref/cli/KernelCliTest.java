package dev.snapref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The kernel options on the command line, where no QEMU is needed: misuse is one line and exit 2
 * (never a stack trace), and {@code snapref kernels} lists what it knows.
 */
class KernelCliTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = SnaprefCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertUsage(Run r, String words) {
        assertEquals(ExitCode.USAGE, r.code(), r.err());
        assertTrue(r.err().contains(words), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void oneKernelCommandsRefuseSeveralKernels() throws Exception {
        Path s = Files.writeString(dir.resolve("a.dms"), "disk origin 8\n");
        assertUsage(run("run", "--target", "kernel", "--kernel", "linux-image-a", "--kernel", "linux-image-b",
                s.toString()), "takes one --kernel");
        assertUsage(run("diff", "--targets", "kernel,model", "--kernel", "linux-image-a", "--kernel", "linux-image-b",
                s.toString()), "takes one --kernel");
    }

    @Test
    void kernelOnlyOptionsAreRefusedElsewhere() {
        assertUsage(run("conform", "--scripts", "5"), "for --target kernel");
        assertUsage(run("conform", "--scripts", "-5"), "--scripts");
        assertUsage(run("fuzz", "--target", "kernel", "--bug", "third-table-allowed", "--scripts", "1"),
                "no bug switches");
    }

    @Test
    void aKernelThatIsNeitherFolderNorPackageIsOneLine() throws Exception {
        Path s = Files.writeString(dir.resolve("a.dms"), "disk origin 8\n");
        Run r = run("run", "--target", "kernel", "--kernel", "6.12", s.toString());
        assertEquals(ExitCode.USAGE, r.code(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(r.err().lines().count() <= 4, r.err());
    }

    @Test
    void kernelsListsTheCacheAndTheInstallableOnes() {
        Run r = run("kernels");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("cached in ") && r.out().contains("installable"), r.out());
        assertTrue(r.out().contains("--kernel DIR"), r.out());
    }
}
