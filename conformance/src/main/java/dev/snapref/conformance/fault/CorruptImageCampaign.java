package dev.snapref.conformance.fault;

import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.Seeds;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.EngineBug;
import dev.snapref.engine.block.BlockDevices;
import dev.snapref.engine.cow.CowImageCheck;
import dev.snapref.conformance.targets.engine.InspectedDevice;
import dev.snapref.conformance.targets.engine.InspectedTable;
import dev.snapref.engine.store.DiskFormat;
import dev.snapref.scenario.SectorPattern;
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
 * Corrupt cow images (issue 7): a valid image (a snapshot with {@code n} exceptions over 1..3
 * metadata areas, built from the seed by {@link ImageMutation#base}) gets 1..3 mutations (header
 * fields, area entries, terminators, truncation, byte flips). Each image is opened by a fresh
 * engine with {@code 0 8 snapshot ORIGIN COW P 8}, and the outcome is compared with an independent
 * prediction of Linux 6.1's read_header/read_metadata/read_exceptions ({@link KernelLoad}): the
 * same errno and message when rejected, "marked invalid" when the header says so, else exactly
 * the exceptions the areas list. Then {@code cow check} must agree (ok implies the kernel loads it;
 * a rejected image is never ok), and on a loaded image an origin write and a snapshot read must
 * neither throw nor change what the origin holds. Failures shrink by dropping mutations; the
 * reproducer is the image ({@code DIR/corrupt-SEED.img}) and a text file naming the mutations.
 */
public final class CorruptImageCampaign {
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

    /** Loads one image on a fresh engine and judges the outcome. */
    Optional<Finding> check(byte[] image, Map<String, Long> counts) {
        counts.merge("images", 1L, Long::sum);
        CowImageCheck.Result verdict = CowImageCheck.check(image);
        KernelLoad.Outcome want = KernelLoad.predict(image, 8);
        DeviceMapper dm = new DeviceMapper(bugs);
        dm.addDisk("origin", 8);
        dm.addDisk("cow", BlockDevices.fromImage(image));
        Integer errno = null;
        try {
            dm.create("snap", "0 8 snapshot /dev/disk/origin /dev/disk/cow P 8");
        } catch (DmException e) {
            errno = e.errno().number();
        }
        List<String> kmsg = dm.log().drain();
        String got = errno != null ? "rejected errno " + errno + " " + kmsg : describe(dm);
        if (!want.matches(errno, kmsg, dm)) {
            return Optional.of(new Finding("corrupt:differs-from-kernel:" + want.kind(), "kernel would: " + want
                    + "; engine: " + got));
        }
        counts.merge(want.kind().equals("rejected") ? "images-rejected" : want.kind().equals("invalid")
                ? "images-marked-invalid" : "images-loaded", 1L, Long::sum);
        if (verdict.ok() && want.kind().equals("rejected") && image.length >= 2 * 8 * 512) {
            return Optional.of(new Finding("corrupt:check-ok-but-rejected", "cow check passes an image the kernel"
                    + " rejects: " + want));
        }
        if (!verdict.ok() && !want.kind().equals("rejected")) {
            counts.merge("images-loaded-despite-check-problems", 1L, Long::sum);
        }
        return errno == null ? exercise(dm) : Optional.empty();
    }

    private static String describe(DeviceMapper dm) {
        return InspectedDevice.all(dm).stream().filter(d -> d.name().equals("snap")).findFirst().flatMap(InspectedDevice::live)
                .map(t -> (t.valid() ? "loaded " + t.exceptions() : "marked invalid")).orElse("no table");
    }

    /** An origin write and snapshot reads on a loaded image: no exception, and the origin holds what was written. */
    private static Optional<Finding> exercise(DeviceMapper dm) {
        byte[] data = SectorPattern.fill("new", 0, 8);
        try {
            dm.create("origin-dev", "0 8 snapshot-origin /dev/disk/origin");
            dm.write("/dev/mapper/origin-dev", 0, data);
        } catch (DmException e) {
            return Optional.of(new Finding("corrupt:origin-write-failed", "origin write on a corrupt snapshot's"
                    + " origin failed with " + e.errno()));
        }
        try {
            dm.read("/dev/mapper/snap", 0, 8);
        } catch (DmException e) {
            if (e.errno() != dev.snapref.engine.kernel.Errno.EIO) {
                return Optional.of(new Finding("corrupt:snapshot-read-errno", "snapshot read failed with " + e.errno()));
            }
        }
        try {
            byte[] back = dm.read("/dev/disk/origin", 0, 8);
            if (!Arrays.equals(back, data)) {
                return Optional.of(new Finding("corrupt:origin-data-changed", "the origin does not hold what was written"));
            }
        } catch (DmException e) {
            return Optional.of(new Finding("corrupt:origin-unreadable", String.valueOf(e.errno())));
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
                lines.add("table: 0 8 snapshot /dev/disk/origin /dev/disk/cow P 8 (origin 8 sectors, cow = the image)");
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
