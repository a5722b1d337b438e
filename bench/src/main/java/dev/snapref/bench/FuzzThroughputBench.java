package dev.snapref.bench;

import dev.snapref.conformance.check.CheckResult;
import dev.snapref.conformance.check.DifferentialChecker;
import dev.snapref.conformance.fuzz.Seeds;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.gen.ScriptGenerator;
import dev.snapref.conformance.targets.engine.EngineTarget;
import dev.snapref.conformance.targets.model.ModelTarget;
import dev.snapref.scenario.Script;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Checked fuzz throughput, as {@code snapref fuzz} runs it minus shrinking: one operation
 * generates a script (model-guided, as the campaign does) and checks it step by step on the
 * model and the engine (transcripts, model invariants, refinement every step; disk data at the
 * end). The {@code commands} counter is checked commands per second; on 1 and on 2 threads
 * (each thread its own scripts), whose ratio shows how a sharded campaign scales.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FuzzThroughputBench {
    private static final AtomicLong THREAD_SEEDS = new AtomicLong();

    /** One thread's generator, checker and next script number. */
    @State(Scope.Thread)
    public static class Worker {
        ModelTarget model;
        DifferentialChecker checker;
        ScriptGenerator generator;
        long campaign;
        long index;

        @Setup(Level.Trial)
        public void setUp() {
            model = new ModelTarget();
            checker = new DifferentialChecker(model, new EngineTarget(), true);
            generator = new ScriptGenerator(new GeneratorConfig(5, 40));
            campaign = 1 + THREAD_SEEDS.getAndIncrement();
        }
    }

    /** Checked commands (reported per second). */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long commands;
    }

    private static void oneScript(Worker w, Counters c) {
        Script s = w.generator.generate(Seeds.scriptSeed(w.campaign, w.index++), w.model::open);
        CheckResult r = w.checker.check(s);
        c.commands += r.stepsChecked();
    }

    @Benchmark
    @Threads(1)
    public void checkedScripts1Thread(Worker w, Counters c) {
        oneScript(w, c);
    }

    @Benchmark
    @Threads(2)
    public void checkedScripts2Threads(Worker w, Counters c) {
        oneScript(w, c);
    }
}
