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
 * The engine's data path on in-memory devices: one operation is a pass over {@value #BYTES}
 * bytes in chunk-sized I/Os between the devices and an {@value #BYTES}-byte caller buffer (as
 * O_DIRECT pread/pwrite would). {@link #rawCopy} moves the same bytes between two such buffers with
 * {@code System.arraycopy} in the same run, so each path is also a ratio to a memory copy.
 * <ul>
 *   <li>{@link #cowOriginWrite}: origin writes with one active persistent snapshot, each to a
 *       chunk not yet copied (every write is a copy-on-write: read origin, write cow, commit
 *       metadata, write origin). Before every invocation the snapshot is removed, its cow header
 *       wiped and a new snapshot created on the same disks, as on a real machine whose disks
 *       exist before the writes: the target figure;</li>
 *   <li>{@link #cowOriginWriteFreshDisks}: the same writes on brand-new sparse in-memory disks every
 *       invocation, so each chunk also allocates its origin and cow pages (memory the JVM must
 *       zero or fill while cold): what the in-memory devices add on top of the copy-on-write;</li>
 *   <li>{@link #cowCopyFloor}: the data moves of a copy-on-write alone, on plain 4 KiB arrays
 *       (what no engine on this page layout can beat);</li>
 *   <li>{@link #freshPageCopy}: the caller's bytes copied into new, kept arrays: the one copy an
 *       origin write that shares the old page with the cow still makes, into cold memory;</li>
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

    /** A fresh world per invocation, on new sparse disks: no chunk copied yet, no page allocated. */
    @State(Scope.Thread)
    public static class Fresh {
        DeviceMapper dm;

        @Setup(Level.Invocation)
        public void setUp(EngineDataPathBench b) {
            dm = Worlds.withFreshSnapshot(ORIGIN_SECTORS, b.chunkSectors);
        }
    }

    /**
     * One world for the whole trial whose disks hold data; before each invocation a new snapshot
     * replaces the old one on a wiped cow, so no chunk is copied yet but every page exists.
     */
    @State(Scope.Thread)
    public static class Resnapshotted {
        DeviceMapper dm;

        @Setup(Level.Trial)
        public void setUpTrial(EngineDataPathBench b) throws DmException {
            dm = Worlds.withFreshSnapshot(ORIGIN_SECTORS, b.chunkSectors);
            b.writeAll(dm);
        }

        @Setup(Level.Invocation)
        public void setUp(EngineDataPathBench b) throws DmException {
            Worlds.resnapshot(dm, ORIGIN_SECTORS, b.chunkSectors);
        }
    }

    /** Writes {@code src} over the origin, chunk by chunk, each a copy-on-write (disks exist). */
    @Benchmark
    public void cowOriginWrite(Resnapshotted w) throws DmException {
        writeAll(w.dm);
    }

    /** Writes {@code src} over the origin of brand-new sparse disks, chunk by chunk. */
    @Benchmark
    public void cowOriginWriteFreshDisks(Fresh f) throws DmException {
        writeAll(f.dm);
    }

    /** Writes {@code src} over the origin, chunk by chunk (pwrite from the caller's buffer). */
    void writeAll(DeviceMapper dm) throws DmException {
        int n = chunkSectors * 512;
        for (int off = 0; off < BYTES; off += n) {
            dm.write(Worlds.ORIGIN, off / 512, chunkSectors, src, off);
        }
    }

    /** Reads the whole snapshot into {@code dst}, chunk by chunk (pread into the caller's buffer). */
    @Benchmark
    public byte[] snapshotRead() throws DmException {
        return readAll(Worlds.SNAP);
    }

    /** Reads the whole origin into {@code dst}, chunk by chunk. */
    @Benchmark
    public byte[] originRead() throws DmException {
        return readAll(Worlds.ORIGIN);
    }

    private byte[] readAll(String path) throws DmException {
        int n = chunkSectors * 512;
        for (int off = 0; off < BYTES; off += n) {
            copied.read(path, off / 512, chunkSectors, dst, off);
        }
        return dst;
    }

    /** Origin and cow pages for {@link #cowCopyFloor}: 4 KiB arrays, as the memory devices hold them. */
    @State(Scope.Thread)
    public static class Pages {
        byte[][] origin;
        byte[][] cow;

        @Setup(Level.Trial)
        public void setUp() {
            origin = new byte[BYTES / PAGE_BYTES][PAGE_BYTES];
            cow = new byte[BYTES / PAGE_BYTES][PAGE_BYTES];
        }
    }

    static final int PAGE_BYTES = 4096;

    /**
     * The floor under {@link #cowOriginWrite}: only the data moves a copy-on-write must make, on
     * the same 4 KiB page layout and with no engine at all: copy each origin page to its cow page,
     * then write the caller's bytes over the origin page. The engine's figure divided by this one
     * is what the engine's bookkeeping (locks, tables, metadata commits) costs on top.
     */
    @Benchmark
    public byte[][] cowCopyFloor(Pages p) {
        for (int i = 0; i < p.origin.length; i++) {
            System.arraycopy(p.origin[i], 0, p.cow[i], 0, PAGE_BYTES);
            System.arraycopy(src, i * PAGE_BYTES, p.origin[i], 0, PAGE_BYTES);
        }
        return p.cow;
    }

    /** New pages for {@link #freshPageCopy}, kept as a device keeps its pages. */
    @State(Scope.Thread)
    public static class KeptPages {
        byte[][] pages;

        @Setup(Level.Trial)
        public void setUp(EngineDataPathBench b) {
            pages = new byte[BYTES / (b.chunkSectors * 512)][];
        }
    }

    /**
     * The one copy a COW origin write cannot avoid: the caller's bytes, chunk by chunk, into new
     * arrays that are kept (the old ones become garbage), as the origin's new page of a
     * copy-on-write is (the old data stays where it was, shared with the cow). New memory is
     * memory no cache holds, so this costs more than {@link #rawCopy}, whose destination is the
     * same buffer every time. For context only: the targets are against {@link #rawCopy}.
     */
    @Benchmark
    public byte[][] freshPageCopy(KeptPages k) {
        int n = chunkSectors * 512;
        for (int i = 0; i < k.pages.length; i++) {
            k.pages[i] = java.util.Arrays.copyOfRange(src, i * n, i * n + n);
        }
        return k.pages;
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
