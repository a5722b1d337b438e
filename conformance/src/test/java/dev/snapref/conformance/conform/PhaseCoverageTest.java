package dev.snapref.conformance.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.conformance.report.ConformanceReport;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.model.ModelTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: the report says which clauses, model transitions and engine lines each phase reached. */
class PhaseCoverageTest {
    @TempDir
    Path dir;

    @Test
    void everyPhaseHasACoverageNoteAndCoverageJsonIsWritten() throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("one.dms"), """
                disk origin 64
                disk cow 64
                dmsetup create origin --table '0 64 snapshot-origin /dev/disk/origin'
                dmsetup create snap --table '0 64 snapshot /dev/disk/origin /dev/disk/cow P 8'
                write /dev/mapper/origin 0 8 A
                read /dev/mapper/snap 0 8
                dmsetup status snap
                """);
        ConformanceRun.Config config = new ConformanceRun.Config(null, 0, 1, List.of(corpus), dir.resolve("out"),
                List.of());
        SteppableTarget model = (SteppableTarget) ModelTarget.fromOptions(TargetOptions.defaults());
        ConformanceReport r = new ConformanceRun(config, model, new EngineTarget()).withRaces(false).run(null);
        List<String> cov = r.notes().stream().filter(n -> n.startsWith("coverage ")).toList();
        assertEquals(4, cov.size(), r.notes().toString()); // corpus, explorer, fuzz (empty here), all
        assertTrue(cov.get(0).startsWith("coverage corpus: clauses "), cov.get(0));
        assertTrue(cov.get(0).contains("model transitions 6"), cov.get(0));
        assertTrue(cov.get(0).contains("engine lines not measured"), cov.get(0));
        assertTrue(cov.get(3).contains("clauses no phase reached: ") && cov.get(3).contains("RACE-1"), cov.get(3));
        String json = Files.readString(dir.resolve("out/coverage.json"));
        assertTrue(json.contains("\"corpus\": {\"clauses\": [\"DM-1\""), json);
        assertTrue(json.contains("\"write origin -> ok\""), json);
        assertTrue(json.contains("\"engineLines\": null"), json);
    }
}
