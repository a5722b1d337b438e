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
 * How the cost of one command grows with the device size and the exceptions held (it should
 * stay flat): a one-chunk (4 KiB) snapshot read of an exception chunk, and a one-chunk origin
 * write to a chunk the snapshot already has an exception for (no copy), at origin sizes
 * 512 MiB and 32 GiB (sparse) and 10^2 or 10^5 exceptions. Chunks visited in a scattered order.
 * The hot-set variant writes only the first 10^2 exception chunks whatever the table holds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ScalingBench {
    static final long CHUNK = 8;

    /** Origin size in sectors: 2^20 = 512 MiB, 2^26 = 32 GiB. */
    @Param({"1048576", "67108864"})
    public long originSectors;

    @Param({"100", "100000"})
    public long exceptions;

    private DeviceMapper dm;
    private byte[] data;
    private long i;

    @Setup(Level.Trial)
    public void setUp() {
        dm = Worlds.withExceptions(originSectors, CHUNK, exceptions);
        data = new byte[(int) CHUNK * 512];
        java.util.Arrays.fill(data, (byte) 7);
    }

    private long nextExceptionSector() {
        long k = i++ % exceptions;
        return CowImage.originChunk(k, originSectors / CHUNK) * CHUNK;
    }

    @Benchmark
    public byte[] snapshotReadCommand() throws DmException {
        return dm.read(Worlds.SNAP, nextExceptionSector(), (int) CHUNK);
    }

    @Benchmark
    public void originWriteCommand() throws DmException {
        dm.write(Worlds.ORIGIN, nextExceptionSector(), data);
    }

    /**
     * As {@link #originWriteCommand} but always within the first {@value #HOT} exceptions: the
     * table still holds all of them, the data touched stays in cache. Against
     * {@link #originWriteCommand} it separates the table's cost from the data cache's.
     */
    @Benchmark
    public void originWriteCommandHotSet() throws DmException {
        long k = i++ % Math.min(HOT, exceptions);
        dm.write(Worlds.ORIGIN, CowImage.originChunk(k, originSectors / CHUNK) * CHUNK, data);
    }

    static final long HOT = 100;
}
