package dev.snapref.model;

import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.Errno;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.ReadRuns;
import dev.snapref.scenario.SectorContent;
import java.util.ArrayList;
import java.util.List;

/**
 * One O_DIRECT read or write of a script, as the block layer sees it: the request is clipped at
 * the device end; a mapped device without a node is ENOENT; a request starting inside a mapped
 * device that is suspended, or stacks on a suspended device ({@link Volumes#blocked}), is not
 * issued ({@code -> blocked}). A disk request goes to the block layer ({@link World#io}); a mapped
 * device's goes through dm ({@link MappedWrite} for writes, {@link StackedIo} and
 * {@link SnapshotIo} for reads). A script write is the sector pattern of its label; a write that
 * changes a snapshot's origin or cow without passing the target that keeps it consistent taints
 * the disks under it ({@link Taint}).
 */
final class BlockIo {
    /**
     * Largest bio of an O_DIRECT request: BIO_MAX_VECS (256) pages of 4 KiB. UNCERTAIN: the block
     * layer may build larger bios from physically contiguous pages; only matters for origin
     * writes over 1 MiB with a stale split boundary.
     */
    static final long BIO_SECTORS = 2048;

    private BlockIo() {
    }

    static Outcome read(World w, DevicePath path, long sector, long count) {
        if (path.kind() == DevicePath.Kind.DISK) {
            Disk d = w.disk(path.name());
            long n = clip(d.sectors(), sector, count);
            if (n > 0) {
                if (!w.io.read(w, d.name(), sector, n)) {
                    return Outcome.error(Errno.EIO);
                }
                w.out.addAll(ReadRuns.format(sector, d.read(sector, n)));
            }
            return Outcome.OK;
        }
        Device dev = w.devices.get(path.name());
        if (dev == null || !dev.node()) {
            return Outcome.error(Errno.ENOENT);
        }
        long n = clip(dev.size(), sector, count);
        if (n == 0) {
            return Outcome.OK;
        }
        if (Volumes.blocked(w, path.name())) {
            return Outcome.BLOCKED;
        }
        Target t = dev.live().target();
        List<SectorContent> got = new ArrayList<>();
        boolean ok;
        if (t instanceof SnapshotTarget s) {
            ok = SnapshotIo.read(w, s, sector, n, got);
        } else {
            String key = Volumes.key(path);
            ok = StackedIo.read(w, key, sector, n);
            if (ok) {
                got.addAll(Volumes.image(w, key).read(sector, n));
            }
        }
        if (!ok) {
            return Outcome.error(Errno.EIO);
        }
        w.out.addAll(ReadRuns.format(sector, got));
        return Outcome.OK;
    }

    static Outcome write(World w, DevicePath path, long sector, long count, String label) {
        if (path.kind() == DevicePath.Kind.DISK) {
            Disk d = w.disk(path.name());
            long n = clip(d.sectors(), sector, count);
            if (n > 0 && !w.io.write(w, d.name(), sector, n, false, x -> x.writePattern(sector, n, label).taint())) {
                return Outcome.error(Errno.EIO);
            }
            return n < count ? Outcome.error(Errno.ENOSPC) : Outcome.OK;
        }
        Device dev = w.devices.get(path.name());
        if (dev == null || !dev.node()) {
            return Outcome.error(Errno.ENOENT);
        }
        long n = clip(dev.size(), sector, count);
        if (n == 0) {
            return Outcome.error(Errno.ENOSPC);
        }
        if (Volumes.blocked(w, path.name())) {
            return Outcome.BLOCKED;
        }
        Taint.Check taint = Taint.before(w, path.name(), sector, n);
        Disk data = Disk.zeroed(Volumes.key(path), dev.size()).writePattern(sector, n, label);
        boolean ok = MappedWrite.write(w, path.name(), sector, n, data, false);
        taint.apply(w);
        if (!ok) {
            return Outcome.error(Errno.EIO);
        }
        return n < count ? Outcome.error(Errno.ENOSPC) : Outcome.OK;
    }

    /** Sectors of {@code [sector, sector+count)} that exist on a device of {@code size} sectors. */
    private static long clip(long size, long sector, long count) {
        return sector >= size ? 0 : Math.min(count, size - sector);
    }

    /** Bios of at most BIO_SECTORS from the start, each split at multiples of {@code boundary} (0 = none). */
    static List<long[]> pieces(long sector, long count, long boundary) {
        List<long[]> out = new ArrayList<>();
        for (long bio = sector; bio < sector + count; bio += BIO_SECTORS) {
            long bioEnd = Math.min(sector + count, bio + BIO_SECTORS);
            long p = bio;
            while (p < bioEnd) {
                long end = boundary > 0 ? Math.min(bioEnd, (p / boundary + 1) * boundary) : bioEnd;
                out.add(new long[] {p, end - p});
                p = end;
            }
        }
        return out;
    }
}
