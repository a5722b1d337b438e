package dev.snapref.bench;

import dev.snapref.model.explore.ExplorationReport;
import dev.snapref.model.explore.Explorer;
import dev.snapref.model.explore.ExplorerConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The model explorer on one thread: one operation is a breadth-first exploration of the default
 * configuration to {@code depth} with every invariant checked on every state. The
 * {@code states} counter is distinct states per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class ExplorerBench {
    @Param({"5"})
    public int depth;

    /**
     * Distinct states found, summed over explorations. {@code OPERATIONS} makes JMH report it per
     * second of measured time ({@code EVENTS} would report a total over the iterations).
     */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long states;
    }

    @Benchmark
    @Threads(1)
    public ExplorationReport explore(Counters c) {
        ExplorationReport r = new Explorer(ExplorerConfig.defaults()).explore(depth);
        c.states += r.states();
        return r;
    }
}
