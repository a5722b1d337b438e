package dev.snapref.conformance.fault;

import dev.snapref.conformance.targets.engine.DiskProvider;
import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.block.MemoryBlockDevice;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's disks for a crash check that spans several disks: zero-filled in-memory disks whose
 * writes and flushes are logged in one order across all of them (one sequence), so a crash at any
 * point of that order has a durable image on every disk ({@link #durableAt}). Reads are not
 * logged. Thread-safe (the engine's merge worker writes from its own thread).
 */
final class SequencedDisks implements DiskProvider {
    /** One logged request: a write (with its data) or a flush, of one disk. */
    record Op(String disk, boolean flush, long sector, byte[] data, boolean fua) {
    }

    private final List<Op> log = new ArrayList<>();
    private final Map<String, Long> sizes = new HashMap<>();

    @Override
    public synchronized BlockDevice provide(String name, long sectors) {
        sizes.put(name, sectors);
        MemoryBlockDevice inner = new MemoryBlockDevice(sectors);
        return new BlockDevice() {
            @Override
            public long sectors() {
                return inner.sectors();
            }

            @Override
            public void read(long sector, byte[] dst, int off, int count) throws IOException {
                inner.read(sector, dst, off, count);
            }

            @Override
            public void write(long sector, byte[] src, int off, int count, boolean fua) throws IOException {
                synchronized (SequencedDisks.this) {
                    inner.write(sector, src, off, count, fua);
                    byte[] copy = java.util.Arrays.copyOfRange(src, off, off + count * BlockDevice.SECTOR_SIZE);
                    log.add(new Op(name, false, sector, copy, fua));
                }
            }

            @Override
            public void flush() throws IOException {
                synchronized (SequencedDisks.this) {
                    inner.flush();
                    log.add(new Op(name, true, 0, null, false));
                }
            }
        };
    }

    /** How many requests were logged so far (a point of the sequence). */
    synchronized int position() {
        return log.size();
    }

    /**
     * Disk {@code disk} after a crash just before request {@code crash} of the sequence, when
     * everything before {@code from} was durable: a write from {@code from} on is durable if it
     * was FUA or a later flush of the same disk (before the crash) completed.
     */
    synchronized byte[] durableAt(String disk, int from, int crash) {
        byte[] image = new byte[Math.toIntExact(sizes.get(disk) * BlockDevice.SECTOR_SIZE)];
        List<Op> pending = new ArrayList<>();
        for (int i = 0; i < crash; i++) {
            Op op = log.get(i);
            if (!op.disk().equals(disk)) {
                continue;
            }
            if (op.flush()) {
                pending.forEach(w -> apply(image, w));
                pending.clear();
            } else if (i < from || op.fua()) {
                apply(image, op);
            } else {
                pending.add(op);
            }
        }
        return image;
    }

    /** The requests {@code [from, to)} of the sequence. */
    synchronized List<Op> ops(int from, int to) {
        return List.copyOf(log.subList(from, to));
    }

    private static void apply(byte[] image, Op w) {
        System.arraycopy(w.data(), 0, image, (int) (w.sector() * BlockDevice.SECTOR_SIZE), w.data().length);
    }
}
