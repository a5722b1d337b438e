package dev.snapref.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every benchmark still builds and runs (in-process, one 50 ms iteration, smallest parameters)
 * and every figure of docs/benchmarks.md comes out as a positive number. Not a timing test: the
 * smoke figures are meaningless as measurements.
 */
class BenchSmokeTest {
    @Test
    void everyBenchmarkRunsAndEveryFigureIsProduced() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<Figure> figures = BenchMain.run(BenchMain.Mode.SMOKE, new PrintStream(buf, true, StandardCharsets.UTF_8));
        for (Figure f : figures) {
            assertTrue(f.value() > 0 && Double.isFinite(f.value()), f.name() + " = " + f.value());
        }
        String table = buf.toString(StandardCharsets.UTF_8);
        for (String name : List.of("COW origin writes, 4 KiB chunks", "COW origin writes, 64 KiB chunks", "COW origin writes onto new sparse disks, 4 KiB chunks",
                "COW data moves alone on 4 KiB arrays (floor, no engine), 64 KiB chunks",
                "snapshot reads of exception chunks, 4 KiB chunks", "origin reads, 64 KiB chunks",
                "handover holding 100 exceptions", "exception table memory at 10000 exceptions",
                "checked fuzz, 1 thread", "checked fuzz, 2 threads", "explorer, depth 2",
                "snapshotReadCommand, origin 512 MiB", "originWriteCommand, origin 512 MiB", "1 TiB origin, 1000 exceptions",
                "COW origin writes, 4 KiB chunks, paired with the raw copy, median of 5 rounds",
                "snapshot reads of exception chunks, 4 KiB chunks, paired with the raw copy, median of 5 rounds")) {
            assertTrue(table.contains("| " + name), "figure missing: " + name + "\n" + table);
        }
        assertEquals(figures.size(), table.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| figure")
                && !l.startsWith("| ---")).count());
    }

    @Test
    void exceptionTableMemoryIsMeasuredFromTheMapItself() {
        ExceptionTableMemory.Result r = ExceptionTableMemory.measure(1000);
        // two longs per entry is the floor of any open-addressing layout
        assertTrue(r.jolBytesPerException() >= 16, "below two longs per entry: " + r);
    }

    @Test
    void cowImagesHoldTheExceptionsTheyAreBuiltWith() throws Exception {
        var dm = Worlds.withExceptions(1 << 16, 8, 300);
        String status = dm.status("snap", false).orElseThrow();
        // persistent store status "... snapshot USED/TOTAL METADATA" in sectors: 300 data chunks, the header, 2 areas
        assertTrue(status.contains(" snapshot " + ((300 + 1 + 2) * 8) + "/"), status);
        assertTrue(status.endsWith(" " + (3 * 8)), status);
    }
}
