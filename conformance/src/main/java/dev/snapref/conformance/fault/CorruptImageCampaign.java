package dev.snapref.conformance.fault;

import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.fuzz.Seeds;
import dev.snapref.engine.cow.CowImageCheck;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.block.SparseImage;
import dev.snapref.engine.store.DiskFormat;
import dev.snapref.model.Disk;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.StatusCommand;
import dev.snapref.scenario.TranscriptStep;
import dev.snapref.scenario.WriteCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Corrupt cow images: a valid image (a snapshot with {@code n} exceptions over 1..3 metadata areas,
 * built from the seed by {@link ImageMutation#base}) gets 1..3 mutations (header fields, area
 * entries, terminators, truncation, bit flips). The model and the engine each load that same image
 * as the cow of {@code P 8} snapshot and run {@link #script} from it (status and every sector of the
 * snapshot, an origin write through a snapshot-origin, status and sectors again), compared as any
 * checked run ({@link FaultedRun}: identical transcripts - the errno and kernel messages of a
 * rejected load, "Snapshot is marked invalid.", the status and every sector of a loaded one -,
 * refinement of the exception tables, the same requests on the cow, the same bytes at the end).
 * What the kernel makes of a corrupt store is the model's to say (read_header, read_metadata,
 * read_exceptions; cow chunks as dm_insert_exception and its lookups take them). {@code cow check}
 * passing an image the model rejects is a finding too. An image the kernel BUG_ONs on (a run grown
 * past 255 chunks, out of the model's scope: counted as {@code images-out-of-scope} and
 * {@code images-bug-on}) must not load on the engine. The counts {@code images-loaded-with-upward-runs}
 * and {@code images-loaded-with-downward-runs} ({@link ImageShapes}) say how many loaded images had
 * entries the kernel's table joins into runs. Failures shrink by dropping mutations; the
 * reproducer is the image ({@code DIR/corrupt-SEED.img}) and a text file naming the mutations.
 */
public final class CorruptImageCampaign {
    /** Sectors of the origin disk and the snapshot's length. */
    static final long ORIGIN = 512;

    private final FuzzCampaign.Config config;
    private final Set<EngineBug> bugs;
    private final List<Path> reproducers = new ArrayList<>();

    public CorruptImageCampaign(FuzzCampaign.Config config, Set<EngineBug> bugs) {
        this.config = config;
        this.bugs = Set.copyOf(bugs);
    }

    public List<Path> reproducers() {
        return List.copyOf(reproducers);
    }

    public ModeSummary run() {
        Map<String, Long> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        long start = System.nanoTime();
        long n = 0;
        ExecutorService worker = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "corrupt-image");
            t.setDaemon(true);
            return t;
        });
        try {
            while (config.scripts() != null ? n < config.scripts() : (System.nanoTime() - start) / 1e9 < config.seconds()) {
                long index = config.shard().scriptIndex(n);
                long seed = Seeds.scriptSeed(config.seed(), index);
                n++;
                Random rnd = new Random(seed);
                byte[] base = ImageMutation.base(rnd);
                List<ImageMutation> muts = ImageMutation.draw(rnd, base);
                Optional<Finding> f = guarded(worker, base, muts, counts);
                if (f.isPresent()) {
                    counts.merge("images-failed", 1L, Long::sum);
                }
                if (f.isPresent() && signatures.add(f.get().signature())) {
                    failures.add(shrinkAndWrite(worker, index, seed, base, muts, f.get()));
                    if (config.stopAtFirstFailure()) {
                        break;
                    }
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return new ModeSummary("corrupt-images", config.seedText(), config.shard().toString(), n, counts, failures,
                System.nanoTime() - start);
    }

    private Optional<Finding> guarded(ExecutorService worker, byte[] base, List<ImageMutation> muts,
                                      Map<String, Long> counts) {
        byte[] image = ImageMutation.apply(base, muts);
        Map<String, Long> local = new TreeMap<>();
        Future<Optional<Finding>> f = worker.submit(() -> check(image, local));
        try {
            Optional<Finding> r = f.get(ScriptModeCampaign.HANG_SECONDS, TimeUnit.SECONDS);
            local.forEach((k, v) -> counts.merge(k, v, Long::sum));
            return r;
        } catch (TimeoutException e) {
            f.cancel(true);
            return Optional.of(new Finding("corrupt:hang", "loading the image did not finish"));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return Optional.of(new Finding("corrupt:java-exception:" + c.getClass().getSimpleName(),
                    c + " at " + (c.getStackTrace().length > 0 ? c.getStackTrace()[0] : "?")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The script every image is checked with: the snapshot table on it, reads, then an origin write. */
    static Script script(long cowSectors) {
        String snap = "0 " + ORIGIN + " snapshot /dev/disk/origin /dev/disk/cow P 8";
        DevicePath s = DevicePath.mapper("snap");
        List<Command> commands = List.of(new DiskCommand("origin", ORIGIN), new DiskCommand("cow", cowSectors),
                new CreateCommand("snap", snap), new StatusCommand("snap", false), new ReadCommand(s, 0, ORIGIN),
                new CreateCommand("origin-dev", "0 " + ORIGIN + " snapshot-origin /dev/disk/origin"),
                new WriteCommand(DevicePath.mapper("origin-dev"), 0, 64, "new"), new StatusCommand("snap", false),
                new ReadCommand(s, 0, ORIGIN));
        return Script.of("corrupt-image", commands);
    }

    /**
     * Checks one image: model and engine load it and run {@link #script} from it, compared as any
     * checked run ({@link FaultedRun}); {@code cow check} passing an image the model rejects is a
     * finding too.
     */
    Optional<Finding> check(byte[] image, Map<String, Long> counts) {
        counts.merge("images", 1L, Long::sum);
        long sectors = image.length / 512;
        Disk cow = Disk.fromImage("cow", image).taint();
        FaultedRun.Outcome run = FaultedRun.run("corrupt", script(sectors), bugs, Set.of("cow"), null,
                Map.of("cow", cow), Map.of("cow", SparseImage.of(Arrays.copyOf(image, (int) sectors * 512))));
        if (run.check().outOfScope().isPresent()) {
            counts.merge("images-out-of-scope", 1L, Long::sum);
            return run.check().outOfScope().get().contains("BUG_ON") ? bugOn(image, counts) : Optional.empty();
        }
        if (run.finding().isPresent()) {
            return run.finding();
        }
        List<TranscriptStep> steps = run.check().reference().steps();
        boolean rejected = !steps.get(2).outcome().equals(Outcome.OK);
        boolean invalid = !rejected && steps.get(3).output().stream().anyMatch(l -> l.endsWith(" Invalid"));
        counts.merge(rejected ? "images-rejected" : invalid ? "images-marked-invalid" : "images-loaded", 1L, Long::sum);
        if (!rejected && !invalid) {
            var t = run.modelState().snapshot(new dev.snapref.model.SnapRef("snap", dev.snapref.model.Slot.LIVE));
            counts.merge("exceptions-loaded", t == null ? 0L : t.store().exceptions().size(), Long::sum);
            ImageShapes shapes = ImageShapes.of(image);
            counts.merge("images-loaded-with-upward-runs", shapes.upward() ? 1L : 0L, Long::sum);
            counts.merge("images-loaded-with-downward-runs", shapes.downward() ? 1L : 0L, Long::sum);
        }
        CowImageCheck.Result verdict = CowImageCheck.check(image);
        if (verdict.ok() && rejected && image.length >= 2 * 8 * 512) {
            return Optional.of(new Finding("corrupt:check-ok-but-rejected", "cow check passes an image the kernel"
                    + " rejects: " + steps.get(2).render()));
        }
        if (!verdict.ok() && !rejected) {
            counts.merge("images-loaded-despite-check-problems", 1L, Long::sum);
        }
        return Optional.empty();
    }

    /**
     * An image the model says the kernel BUG_ONs on (a run of exceptions grown past 255 chunks): an
     * oops, no transcript to compare, but never a load, so the engine must refuse it. Runs the
     * script's disks and snapshot table on the engine alone.
     */
    private Optional<Finding> bugOn(byte[] image, Map<String, Long> counts) {
        counts.merge("images-bug-on", 1L, Long::sum);
        long sectors = image.length / 512;
        FaultyDisks disks = new FaultyDisks(Map.of(), Map.of("cow", SparseImage.of(Arrays.copyOf(image,
                (int) sectors * 512))));
        TranscriptStep load = null;
        try (TargetSession engine = new EngineTarget(bugs, disks).open()) {
            for (Command c : script(sectors).commands().subList(0, 3)) {
                load = engine.apply(c);
            }
        }
        if (load.outcome().equals(Outcome.OK)) {
            return Optional.of(new Finding("corrupt:loaded-past-bug-on", "the engine loads an image the kernel"
                    + " stops on with BUG_ON (a run of exceptions grown past 255 chunks): " + load.render()));
        }
        return Optional.empty();
    }

    private String shrinkAndWrite(ExecutorService worker, long index, long seed, byte[] base,
                                  List<ImageMutation> muts, Finding f) {
        List<ImageMutation> current = new ArrayList<>(muts);
        for (int i = current.size() - 1; i >= 0 && current.size() > 1; i--) {
            List<ImageMutation> fewer = new ArrayList<>(current);
            fewer.remove(i);
            Optional<Finding> g = guarded(worker, base, fewer, new TreeMap<>());
            if (g.isPresent() && g.get().signature().equals(f.signature())) {
                current = fewer;
            }
        }
        String id = "corrupt-" + Long.toHexString(seed);
        String file = "";
        if (config.out() != null) {
            try {
                Files.createDirectories(config.out());
                Path img = config.out().resolve(id + ".img");
                Files.write(img, ImageMutation.apply(base, current));
                List<String> lines = new ArrayList<>();
                lines.add("snapref corrupt-image reproducer " + id);
                lines.add("seed: " + Long.toUnsignedString(seed));
                lines.add("bug: " + (config.bug() == null ? "none" : config.bug()));
                lines.add("signature: " + f.signature());
                lines.add("detail: " + f.detail());
                current.forEach(m -> lines.add("mutation: " + m));
                script(ImageMutation.apply(base, current).length / 512).commands().forEach(c -> lines.add("script: " + c.echo()));
                lines.add("check: ./snapref cow check " + img);
                Files.write(config.out().resolve(id + ".txt"), lines);
                reproducers.add(img);
                file = " reproducer=" + img;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "image=" + index + " seed=" + Long.toUnsignedString(seed) + " " + f.signature() + " mutations="
                + muts.size() + "->" + current.size() + file;
    }

    static long areaLocation(long chunk, long area) {
        return DiskFormat.areaLocation(DiskFormat.exceptionsPerArea(chunk), area);
    }
}
