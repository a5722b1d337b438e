package dev.snapref.bench;

import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.DmException;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's data path on in-memory devices: one operation is a pass over {@value #BYTES}
 * bytes in chunk-sized I/Os. {@link #rawCopy} moves the same bytes with
 * {@code System.arraycopy} in the same run, so each path is also a ratio to a memory copy.
 * <ul>
 *   <li>{@link #cowOriginWrite}: origin writes with one active persistent snapshot, each to a
 *       chunk not yet copied (every write is a copy-on-write: read origin, write cow, commit
 *       metadata, write origin); a fresh world every invocation;</li>
 *   <li>{@link #snapshotRead}: reads of the snapshot where every chunk is an exception (cow);</li>
 *   <li>{@link #originRead}: reads of the origin through dm.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class EngineDataPathBench {
    /** Bytes per operation: 8 MiB. */
    public static final int BYTES = 8 << 20;
    static final long ORIGIN_SECTORS = BYTES / 512;

    /** Chunk size in sectors: 8 = 4 KiB, 128 = 64 KiB. */
    @Param({"8", "128"})
    public int chunkSectors;

    private byte[] data;
    private byte[] src;
    private byte[] dst;
    private DeviceMapper copied;

    /** A world whose snapshot has an exception for every chunk (for reads). */
    @Setup(Level.Trial)
    public void setUp() throws DmException {
        data = new byte[chunkSectors * 512];
        java.util.Arrays.fill(data, (byte) 0x5a);
        src = new byte[BYTES];
        dst = new byte[BYTES];
        java.util.Arrays.fill(src, (byte) 0x33);
        copied = Worlds.withFreshSnapshot(ORIGIN_SECTORS, chunkSectors);
        for (long s = 0; s < ORIGIN_SECTORS; s += chunkSectors) {
            copied.write(Worlds.ORIGIN, s, data);
        }
    }

    /** A fresh world per invocation: no chunk copied yet. */
    @State(Scope.Thread)
    public static class Fresh {
        DeviceMapper dm;

        @Setup(Level.Invocation)
        public void setUp(EngineDataPathBench b) {
            dm = Worlds.withFreshSnapshot(ORIGIN_SECTORS, b.chunkSectors);
        }
    }

    @Benchmark
    public void cowOriginWrite(Fresh f) throws DmException {
        for (long s = 0; s < ORIGIN_SECTORS; s += chunkSectors) {
            f.dm.write(Worlds.ORIGIN, s, data);
        }
    }

    @Benchmark
    public void snapshotRead(Blackhole bh) throws DmException {
        for (long s = 0; s < ORIGIN_SECTORS; s += chunkSectors) {
            bh.consume(copied.read(Worlds.SNAP, s, chunkSectors));
        }
    }

    @Benchmark
    public void originRead(Blackhole bh) throws DmException {
        for (long s = 0; s < ORIGIN_SECTORS; s += chunkSectors) {
            bh.consume(copied.read(Worlds.ORIGIN, s, chunkSectors));
        }
    }

    /** The baseline: the same bytes moved chunk by chunk with System.arraycopy. */
    @Benchmark
    public byte[] rawCopy() {
        int n = chunkSectors * 512;
        for (int off = 0; off < BYTES; off += n) {
            System.arraycopy(src, off, dst, off, n);
        }
        return dst;
    }
}
