package dev.snapref.bench;

import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.kernel.DmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Handover time against the exceptions the store holds: one operation is a whole handover as
 * userspace drives it (create DEST --notable, load DEST with the same cow, suspend SRC, resume
 * DEST, remove SRC), from the live snapshot to a new device. The store (10^2 .. 10^6 completed
 * exceptions, 4 KiB chunks) is read from the cow once per trial; every handover passes it on.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class HandoverBench {
    static final long CHUNK = 8;
    /** 8 GiB origin (sparse): room for 10^6 scattered exceptions. */
    static final long ORIGIN_SECTORS = (1L << 21) * CHUNK;

    @Param({"100", "10000", "1000000"})
    public long exceptions;

    private DeviceMapper dm;
    private String source;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        dm = Worlds.withExceptions(ORIGIN_SECTORS, CHUNK, exceptions);
        source = "snap";
    }

    @Benchmark
    public void handover() throws DmException {
        String dest = "d" + (next++);
        dm.createNoTable(dest);
        dm.load(dest, Worlds.snapshotTable(ORIGIN_SECTORS, CHUNK));
        dm.suspend(source);
        dm.resume(dest);
        dm.remove(source);
        source = dest;
    }
}
