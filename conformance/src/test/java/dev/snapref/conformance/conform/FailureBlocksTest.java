package dev.snapref.conformance.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.report.ClauseResult;
import dev.snapref.conformance.report.ClauseStatus;
import dev.snapref.conformance.report.ConformanceReport;
import dev.snapref.conformance.report.FailureDetail;
import dev.snapref.conformance.report.ReportFiles;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.WriteCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What feeds the report's failure blocks (issue 17): a crash the phase guard records shows its
 * crash reproducer inline with the exception as what failed (re-run for the failing step); after
 * a fatal error nothing is re-run but the reproducer still shows; a target that cannot step gets
 * its diverging script and both transcripts in the folder with the command that compares them.
 */
class FailureBlocksTest {
    private static final String SCRIPT = """
            disk origin 64
            disk cow 64
            disk cow2 64
            dmsetup create origin --table '0 64 snapshot-origin /dev/disk/origin'
            dmsetup create s1 --table '0 64 snapshot /dev/disk/origin /dev/disk/cow P 8'
            dmsetup create s2 --table '0 64 snapshot /dev/disk/origin /dev/disk/cow2 P 8'
            write /dev/mapper/origin 0 8 A
            read /dev/mapper/s2 0 8
            """;

    @TempDir
    Path dir;

    private ConformanceRun run(Target candidate) throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("two-snapshots.dms"), SCRIPT);
        return new ConformanceRun(new ConformanceRun.Config(null, 0, 1, List.of(corpus), dir.resolve("out"), List.of()),
                (SteppableTarget) ModelTarget.fromOptions(TargetOptions.defaults()), candidate);
    }

    private static FailureDetail only(ConformanceReport r, String clause) {
        ClauseResult c = r.clauses().stream().filter(x -> x.clause().id().equals(clause)).findFirst().orElseThrow();
        assertEquals(ClauseStatus.FAIL, c.status(), c.toString());
        return c.details().get(0);
    }

    @Test
    void aGuardedCrashShowsItsReproducerAndTheException() throws Exception {
        ConformanceReport r = run(new ThrowingEngine(WriteCommand.class, 1)).run(null);
        String clause = r.failing().get(0).clause().id();
        FailureDetail d = only(r, clause);
        assertNotNull(d.reproducer(), d.toString());
        assertTrue(d.reproducer().path().startsWith("crash-reproducers/corpus-crash-"), d.reproducer().path());
        assertTrue(d.reproducer().script().contains("write /dev/mapper/origin"), "the script inline");
        assertEquals("CRASH", d.kind());
        assertTrue(d.fact().contains("exception: java.lang.AssertionError") && d.fact().contains(ThrowingEngine.PLANTED),
                d.fact());
        assertEquals("corpus two-snapshots", d.source());
        assertNotNull(d.states(), "the states before the step that threw");
        assertEquals("./snapref replay " + d.reproducer().path(), d.reproducer().replay());
        assertEquals(List.of(), ReportFiles.write(dir.resolve("out"), r));
        String html = Files.readString(dir.resolve("out/index.html"));
        assertTrue(html.contains("id=\"fail-" + clause + "\"") && html.contains("crash-reproducers/corpus-crash-"),
                "in the block");
    }

    @Test
    void afterAFatalErrorTheReproducerShowsWithoutARerun() throws Exception {
        ConformanceReport r = run(new ThrowingEngine(WriteCommand.class, 1, true)).run(null);
        FailureDetail d = only(r, r.failing().get(0).clause().id());
        assertNotNull(d.reproducer(), d.toString());
        assertEquals(0, d.step(), "not re-run: the step is unknown");
        assertTrue(d.fact().contains("OutOfMemoryError"), "the header's facts: " + d.fact());
    }

    @Test
    void aBatchTargetsDivergenceHasItsScriptAndBothTranscriptsInTheFolder() throws Exception {
        EngineTarget buggy = new EngineTarget(Set.of(EngineBug.byId("origin-write-skips-snapshot")));
        Target batch = new Target() {
            @Override
            public String name() {
                return "kernel";
            }

            @Override
            public TargetRun run(Script script) {
                return buggy.run(script);
            }
        };
        ConformanceReport r = run(batch).run(null);
        FailureDetail d = r.failing().get(0).details().get(0);
        assertNotNull(d.reproducer(), d.toString());
        assertEquals("reproducers/batch-two-snapshots.dms", d.reproducer().path());
        assertEquals("./snapref diff --targets model,kernel reproducers/batch-two-snapshots.dms", d.reproducer().replay());
        assertTrue(Files.isRegularFile(dir.resolve("out/reproducers/batch-two-snapshots.kernel.transcript")));
        assertNotNull(d.transcripts());
        assertFalse(d.transcripts().same());
        assertEquals(8, d.step(), "the read of the snapshot that missed its exception");
        assertTrue(d.fact().contains("model printed:") && d.fact().contains("kernel printed:"), d.fact());
    }
}
