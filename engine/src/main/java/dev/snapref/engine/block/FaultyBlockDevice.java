package dev.snapref.engine.block;


import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fault-injecting block device wrapping another one. Every request is logged ({@link #log()})
 * with a per-kind index, and the {@link FaultAtlas} decides whether it fails: a read or flush fails
 * with EIO; a write fails with EIO (nothing written) or is torn (only a prefix of its sectors
 * written, then EIO). Requests outside the device fail with EIO before they are counted, like the
 * block layer's end-of-device check.
 *
 * <p>The log keeps a copy of every write's data, so {@link DurableImage} can rebuild what a crash
 * at any request would leave on the medium. Thread-safe: requests are logged and carried out under
 * the device's monitor, so the log order is the order in which the medium saw them.
 */
public final class FaultyBlockDevice implements BlockDevice {
    private final BlockDevice inner;
    private final FaultAtlas atlas;
    private final List<BlockOp> log = new ArrayList<>();
    private final int[] perKind = new int[BlockOp.Kind.values().length];
    private final List<String> fired = new ArrayList<>();

    public FaultyBlockDevice(BlockDevice inner, FaultAtlas atlas) {
        this.inner = inner;
        this.atlas = atlas;
    }

    @Override
    public long sectors() {
        return inner.sectors();
    }

    @Override
    public synchronized void read(long sector, byte[] dst, int off, int count) throws IOException {
        BlockDevice.checkRange(sector, count, sectors());
        BlockOp op = record(BlockOp.Kind.READ, sector, count, false, null);
        if (fire(op) != null) {
            throw new IOException("injected EIO: " + op.describe());
        }
        inner.read(sector, dst, off, count);
    }

    @Override
    public synchronized void write(long sector, byte[] src, int off, int count, boolean fua) throws IOException {
        submitWrite(sector, src, off, count, fua, () -> inner.write(sector, src, off, count, fua));
    }

    /**
     * A {@link #write} to whoever sees requests (logged and faulted as one), passed on as a
     * rewrite with its hint when no fault fires, so the inner device's use of the hint is what
     * the mode's end-of-script byte comparison checks.
     */
    @Override
    public synchronized void rewrite(long sector, byte[] src, int off, int count, boolean fua, int changedFrom,
                                     int changedCount) throws IOException {
        submitWrite(sector, src, off, count, fua,
                () -> inner.rewrite(sector, src, off, count, fua, changedFrom, changedCount));
    }

    /** What the inner device is asked to do with a write no fault hits. */
    @FunctionalInterface
    private interface PassOn {
        void run() throws IOException;
    }

    /**
     * A write request: range check, logged, then {@code passOn} when no fault fires; a torn write
     * lands its prefix on the inner device; a fault is an IOException naming it.
     */
    private void submitWrite(long sector, byte[] src, int off, int count, boolean fua, PassOn passOn)
            throws IOException {
        BlockDevice.checkRange(sector, count, sectors());
        byte[] data = Arrays.copyOfRange(src, off, off + count * SECTOR_SIZE);
        BlockOp op = record(BlockOp.Kind.WRITE, sector, count, fua, data);
        Fault f = fire(op);
        if (f == null) {
            passOn.run();
            return;
        }
        if (f.kind() == Fault.Kind.TORN_WRITE && f.prefixSectors() > 0) {
            inner.write(sector, src, off, Math.min(count, f.prefixSectors()), fua);
        }
        throw new IOException("injected " + f + ": " + op.describe());
    }

    @Override
    public synchronized void flush() throws IOException {
        BlockOp op = record(BlockOp.Kind.FLUSH, 0, 0, false, null);
        if (fire(op) != null) {
            throw new IOException("injected EIO: " + op.describe());
        }
        inner.flush();
    }

    private BlockOp record(BlockOp.Kind kind, long sector, int count, boolean fua, byte[] data) {
        BlockOp op = new BlockOp(log.size(), kind, sector, count, fua, data, perKind[kind.ordinal()]++);
        log.add(op);
        return op;
    }

    private Fault fire(BlockOp op) {
        Fault f = atlas.faultFor(op);
        if (f != null) {
            fired.add(op.describe() + " -> " + f);
        }
        return f;
    }

    /** Every request so far, in order (a copy). */
    public synchronized List<BlockOp> log() {
        return List.copyOf(log);
    }

    /** Number of requests so far. */
    public synchronized int logSize() {
        return log.size();
    }

    /** The faults that fired, as text, in order. */
    public synchronized List<String> fired() {
        return List.copyOf(fired);
    }

    /** How many requests of {@code kind} the device has seen. */
    public synchronized int count(BlockOp.Kind kind) {
        return perKind[kind.ordinal()];
    }

    /** The wrapped device. */
    public BlockDevice inner() {
        return inner;
    }
}
