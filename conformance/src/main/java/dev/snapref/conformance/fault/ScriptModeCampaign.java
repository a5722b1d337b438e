package dev.snapref.conformance.fault;

import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.Seeds;
import dev.snapref.conformance.gen.ScriptGenerator;
import dev.snapref.conformance.shrink.Shrinker;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.scenario.Script;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A campaign of one script-based fault mode with plain fuzzing's machinery: script k from
 * {@link Seeds#scriptSeed} and the model-guided generator, shards, a script or time bound,
 * shrinking of every new failure signature ({@link Shrinker}) and a reproducer
 * {@code DIR/MODE-SEED.dms} whose header names the mode, seed, bug and finding. A check that
 * throws is a finding ({@code MODE:java-exception:CLASS}); one that runs longer than
 * {@value #HANG_SECONDS} s is a hang ({@code MODE:hang}).
 */
public final class ScriptModeCampaign {
    static final int HANG_SECONDS = 30;

    private final FuzzCampaign.Config config;
    private final ScriptMode mode;
    private final SteppableTarget model;
    private final List<Path> reproducers = new ArrayList<>();
    private final ExecutorService worker = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-check");
        t.setDaemon(true);
        return t;
    });

    public ScriptModeCampaign(FuzzCampaign.Config config, ScriptMode mode, SteppableTarget model) {
        this.config = config;
        this.mode = mode;
        this.model = model;
    }

    /** The reproducers the last run wrote. */
    public List<Path> reproducers() {
        return List.copyOf(reproducers);
    }

    public ModeSummary run() {
        ScriptGenerator gen = new ScriptGenerator(config.generator());
        Map<String, Long> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        long start = System.nanoTime();
        long n = 0;
        while (config.scripts() != null ? n < config.scripts() : (System.nanoTime() - start) / 1e9 < config.seconds()) {
            long index = config.shard().scriptIndex(n);
            long seed = Seeds.scriptSeed(config.seed(), index);
            Script script = mode.prepare(gen.generate(seed, model::open), seed);
            n++;
            Optional<Finding> f = check(script, seed, counts);
            if (f.isPresent()) {
                counts.merge("scripts-failed", 1L, Long::sum);
            }
            if (f.isPresent() && signatures.add(f.get().signature())) {
                failures.add(shrinkAndWrite(index, seed, script, f.get()));
                if (config.stopAtFirstFailure()) {
                    break;
                }
            }
        }
        worker.shutdownNow();
        return new ModeSummary(mode.name(), config.seedText(), config.shard().toString(), n, counts, failures,
                System.nanoTime() - start);
    }

    /** The mode's check with the hang and exception guards. */
    Optional<Finding> check(Script script, long seed, Map<String, Long> counts) {
        Map<String, Long> local = new TreeMap<>();
        Future<Optional<Finding>> f = worker.submit(() -> mode.check(script, seed, local));
        try {
            Optional<Finding> r = f.get(HANG_SECONDS, TimeUnit.SECONDS);
            local.forEach((k, v) -> counts.merge(k, v, Long::sum));
            return r;
        } catch (TimeoutException e) {
            f.cancel(true);
            return Optional.of(new Finding(mode.name() + ":hang", "the check did not finish in " + HANG_SECONDS + " s"));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return Optional.of(new Finding(mode.name() + ":java-exception:" + c.getClass().getSimpleName(),
                    String.valueOf(c) + " at " + (c.getStackTrace().length > 0 ? c.getStackTrace()[0] : "?")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String shrinkAndWrite(long index, long seed, Script script, Finding f) {
        Shrinker shrinker = new Shrinker(s -> check(s, seed, new TreeMap<>())
                .map(g -> g.signature().equals(f.signature())).orElse(false), config.shrinkTests());
        Script small = shrinker.shrink(script);
        Finding shrunk = check(small, seed, new TreeMap<>()).orElse(f);
        String id = mode.name() + "-" + Long.toHexString(seed);
        String file = "";
        if (config.out() != null) {
            try {
                Path p = writeReproducer(id, seed, small, shrunk);
                reproducers.add(p);
                file = " reproducer=" + p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "script=" + index + " seed=" + Long.toUnsignedString(seed) + " " + f.signature() + " steps="
                + script.commands().size() + "->" + small.commands().size() + file;
    }

    private Path writeReproducer(String id, long seed, Script small, Finding f) throws IOException {
        Files.createDirectories(config.out());
        List<String> head = new ArrayList<>();
        head.add("# snapref reproducer " + id);
        head.add("# mode: " + mode.name());
        head.add("# seed: " + Long.toUnsignedString(seed));
        head.add("# targets: model,engine");
        head.add("# bug: " + (config.bug() == null ? "none" : config.bug()));
        for (String line : mode.describe(small, seed)) {
            head.add("# " + line);
        }
        head.add("# signature: " + f.signature());
        for (String line : f.detail().split("\n")) {
            head.add("#   " + line);
        }
        head.add("# replay: ./snapref fuzz --" + (mode.name().equals("faults") ? "faults" : mode.name())
                + " --replay FILE" + (config.bug() == null ? "" : " --target engine --bug " + config.bug()));
        Path p = config.out().resolve(id + ".dms");
        Files.writeString(p, String.join("\n", head) + "\n" + small.render());
        return p;
    }

    /** Replays a reproducer: the mode's check of the script with the seed of its header. */
    public Optional<Finding> replay(Script script, long seed) {
        try {
            return check(script, seed, new TreeMap<>());
        } finally {
            worker.shutdownNow();
        }
    }
}
