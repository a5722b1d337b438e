package dev.snapref.conformance.bugs;

import dev.snapref.conformance.check.CheckResult;
import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.conform.Corpus;
import dev.snapref.conformance.conform.CorpusScript;
import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.FuzzFailure;
import dev.snapref.conformance.fuzz.Shard;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.race.RaceCampaign;
import dev.snapref.conformance.race.RaceSummary;
import dev.snapref.conformance.race.RaceText;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetOptions;
import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.block.MemoryBlockDevice;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.SectorPattern;
import java.io.IOException;
import java.nio.file.Files;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The canaries: the correctness gate (model vs engine, step by step: transcripts, invariants,
 * refinement, disk data and the engine's cow store rules) catches every catalogued engine bug
 * that a sequential script can show, from the scenario corpus or at most 20 s of fuzzing, and
 * leaves a shrunk reproducer that still fails when replayed. The two handover bugs that need I/O
 * in flight are caught by the gate's deterministic races phase (issue 14), and shown by a
 * held-off interleaving ({@code pending-on-old-store}) and by the jcstress races; so is
 * {@code merge-io-not-held} (race {@code merge-against-handover}, with the merge worker under the
 * race scheduler; jcstress MergeHandoverRace). {@code merge-commit-before-flush} is a
 * crash-mode finding (FaultModesTest).
 */
class BugCatalogueTest {
    /** Bugs no sequential script can show (they need I/O in flight during a handover). */
    static final Set<EngineBug> CONCURRENT_ONLY = EnumSet.of(EngineBug.PENDING_ON_OLD_STORE,
            EngineBug.BROKEN_HANDOVER_LOCKING, EngineBug.MERGE_IO_NOT_HELD);
    /** Bugs only an I/O error or a crash shows: FaultModesTest proves the fault and crash campaigns catch them. */
    static final Set<EngineBug> FAULT_ONLY = EnumSet.of(EngineBug.COPY_ERROR_REPORTED_AS_SUCCESS,
            EngineBug.COMMIT_WITHOUT_FLUSH, EngineBug.MERGE_COMMIT_BEFORE_FLUSH);
    static final double FUZZ_SECONDS = 20;

    @TempDir
    Path out;

    static List<Path> corpusDirs() {
        Path td = Corpus.findTestdata().orElseThrow(() -> new IllegalStateException("testdata/ not found"));
        return List.of(td.resolve("kernel-transcripts"), td.resolve("goldens"), td.resolve("scenarios"));
    }

    @Test
    void everyBugHasAnIdDescriptionAndLookup() {
        for (EngineBug b : EngineBug.values()) {
            assertTrue(b.id().matches("[a-z]+(-[a-z]+)*"), b.id());
            assertFalse(b.description().isBlank(), b.id());
            assertEquals(b, EngineBug.byId(b.id()));
            assertEquals(Set.of(b), ((EngineTarget) EngineTarget.fromOptions(TargetOptions.defaults()
                    .withBug(b.id()))).bugs());
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EngineTarget.fromOptions(TargetOptions.defaults().withBug("no-such-bug")));
        assertTrue(e.getMessage().contains("pending-on-old-store"), e.getMessage());
    }

    @Test
    void theCorrectEnginePassesTheWholeCorpus() {
        DifferentialChecker checker = checker(Set.of());
        for (CorpusScript cs : Corpus.load(corpusDirs())) {
            CheckResult r = checker.check(cs.script());
            assertTrue(r.failure().isEmpty(), () -> cs.name() + ": " + r.failure().get());
        }
    }

    @TestFactory
    Stream<DynamicTest> theGateCatchesEverySequentialBug() {
        return Stream.of(EngineBug.values()).filter(b -> !CONCURRENT_ONLY.contains(b) && !FAULT_ONLY.contains(b))
                .map(b -> DynamicTest.dynamicTest(b.id(), () -> caught(b)));
    }

    private void caught(EngineBug bug) throws Exception {
        DifferentialChecker checker = checker(Set.of(bug));
        Optional<CheckResult> fromCorpus = Optional.empty();
        for (CorpusScript cs : Corpus.load(corpusDirs())) {
            CheckResult r = checker.check(cs.script());
            if (r.failure().isPresent()) {
                fromCorpus = Optional.of(r);
                break;
            }
        }
        Path dir = out.resolve(bug.id());
        FuzzCampaign.Config config = new FuzzCampaign.Config(1, "1", null, FUZZ_SECONDS, Shard.ALL, dir, bug.id(),
                GeneratorConfig.defaults(), 400, true);
        FuzzCampaign campaign = new FuzzCampaign(config, model(), checker, new PrintStream(OutputStream.nullOutputStream()))
                .withBaseline(checker(Set.of()));
        FuzzFailure found;
        if (fromCorpus.isPresent()) {
            found = campaign.shrinkAndWrite(0, 0, fromCorpus.get());
        } else {
            campaign.run();
            assertFalse(campaign.found().isEmpty(), bug.id() + ": neither the corpus nor " + FUZZ_SECONDS
                    + " s of fuzzing caught it");
            found = campaign.found().get(0);
        }
        assertNotNull(found.reproducer(), "no reproducer written");
        assertTrue(found.shrunkSteps() <= found.originalSteps());
        Script replay = Script.load(found.reproducer());
        CheckResult again = checker.check(replay);
        assertTrue(again.failure().isPresent(), bug.id() + ": reproducer " + found.reproducer() + " passes on replay");
        CheckResult correct = checker(Set.of()).check(replay);
        assertTrue(correct.failure().isEmpty(),
                () -> bug.id() + ": reproducer fails on the correct engine too: " + correct.failure().get());
    }

    /**
     * Issue 14: the gate's deterministic races phase catches the bugs that need I/O in flight
     * during a handover (and the merge racing one), with a reproducer whose schedule fails again with the switch and is
     * admitted on the correct engine.
     */
    @TestFactory
    Stream<DynamicTest> theRacesPhaseCatchesEveryConcurrentBug() {
        return CONCURRENT_ONLY.stream().map(b -> DynamicTest.dynamicTest(b.id(), () -> {
            Path dir = out.resolve("races-" + b.id());
            RaceSummary s = new RaceCampaign(
                    RaceCampaign.Config.gate(1, Set.of(b), dir), model()).run();
            assertFalse(s.failures().isEmpty(), b.id() + ": the races phase did not catch it");
            Path file = s.failures().get(0).reproducer();
            String text = Files.readString(file);
            RaceText.Parsed p = RaceText.parse(file.toString(),
                    text);
            assertTrue(RaceCampaign.replay(p.scenario(), p.schedule(), Set.of(b), model())
                    .verdict().isPresent(), b.id() + ": the reproducer passes on replay");
            assertTrue(RaceCampaign.replay(p.scenario(), p.schedule(), Set.of(), model())
                    .verdict().isEmpty(), b.id() + ": the reproducer fails on the correct engine too");
        }));
    }

    /**
     * {@code pending-on-old-store} (b735fede8d95): an origin write whose copy-out is held at the cow
     * while the handover runs. The correct engine holds the handover off until the write is done; with
     * the bug the exception completes on the store the destination now owns (and fails on the
     * source), the origin write retries on the destination and the store ends with two exceptions
     * for chunk 0.
     */
    @Test
    @Timeout(30)
    void pendingOnOldStoreLosesTheChunkOnTheDestination() throws Exception {
        assertEquals("ok", cowAfterRacingHandover(Set.of()));
        assertTrue(cowAfterRacingHandover(Set.of(EngineBug.PENDING_ON_OLD_STORE)).contains("duplicate old chunk 0"));
    }

    private static String cowAfterRacingHandover(Set<EngineBug> bugs) throws Exception {
        DeviceMapper dm = new DeviceMapper(bugs);
        HeldDisk cow = new HeldDisk(256);
        dm.addDisk("origin", 64);
        dm.addDisk("cow", cow);
        String snap = "0 64 snapshot /dev/disk/origin /dev/disk/cow P 8";
        dm.create("o", "0 64 snapshot-origin /dev/disk/origin");
        dm.write("/dev/mapper/o", 0, SectorPattern.fill("PRE", 0, 8));
        dm.create("a", snap);
        dm.createNoTable("b");
        dm.load("b", snap);
        dm.suspend("a");
        cow.hold = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                dm.write("/dev/mapper/o", 0, SectorPattern.fill("NEW", 0, 8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        assertTrue(cow.entered.await(10, TimeUnit.SECONDS), "the copy-out never reached the cow");
        Thread resumer = new Thread(() -> {
            try {
                dm.resume("b");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        resumer.start();
        resumer.join(300); // correct engine: blocked in the origin hold-off; buggy: handover done
        cow.hold.countDown();
        writer.join(10_000);
        resumer.join(10_000);
        assertFalse(writer.isAlive() || resumer.isAlive(), "stuck");
        assertEquals("PRE@0", dm.read("/dev/mapper/b", 0, 1).length == 512
                ? new String(dm.read("/dev/mapper/b", 0, 1), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1) : "");
        return dev.snapref.engine.cow.CowImageCheck.check(dev.snapref.engine.block.BlockDevices.image(dm.disk("cow")))
                .reason();
    }

    /** A disk whose first write after {@code hold} is set waits until it is released. */
    static final class HeldDisk implements BlockDevice {
        final MemoryBlockDevice inner;
        volatile CountDownLatch hold;
        final CountDownLatch entered = new CountDownLatch(1);

        HeldDisk(long sectors) {
            inner = new MemoryBlockDevice(sectors);
        }

        @Override
        public long sectors() {
            return inner.sectors();
        }

        @Override
        public void read(long sector, byte[] dst, int off, int count) throws IOException {
            inner.read(sector, dst, off, count);
        }

        @Override
        public void write(long sector, byte[] src, int off, int count, boolean fua) throws IOException {
            CountDownLatch h = hold;
            if (h != null) {
                entered.countDown();
                try {
                    h.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            inner.write(sector, src, off, count, fua);
        }

        @Override
        public void flush() {
        }
    }

    private static SteppableTarget model() {
        return (SteppableTarget) ModelTarget.fromOptions(TargetOptions.defaults());
    }

    private static DifferentialChecker checker(Set<EngineBug> bugs) {
        return new DifferentialChecker(model(), new EngineTarget(bugs), true);
    }
}
