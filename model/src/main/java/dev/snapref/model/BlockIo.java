package dev.snapref.model;

import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.Errno;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.ReadRuns;
import dev.snapref.scenario.SectorContent;
import java.util.ArrayList;
import java.util.List;

/**
 * One O_DIRECT read or write of a script, as the block layer, dm core and the targets handle
 * it: the request is clipped at the device end, cut into bios of at most {@link #BIO_SECTORS}
 * sectors, and each bio is split by dm (a snapshot at chunk boundaries, an origin at its split
 * boundary). Every piece runs; a failed piece does not stop the others. The first piece runs on
 * its own (mapped, its new exceptions started and completed, its data written); the later pieces
 * are all mapped, then all their exceptions started and completed, then their data written
 * ({@link CopyOnWrite}). In Linux 6.1 this is a race (kcopyd against dm's resubmission of the
 * rest of the bio): the recorded kernel-transcripts/cow-overflow image shows this interleaving,
 * the re-runs in testdata/scenarios/multi-piece-overflow show the first piece's exception not
 * yet committed. The spec follows the recorded reference image, so that model, engine and the
 * reference agree. Every disk request goes through {@link World#io}: a request that fails fails
 * the script's request with EIO.
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
        if (dev.suspended()) {
            return Outcome.BLOCKED;
        }
        Table t = dev.live();
        if (t.target() instanceof OriginTarget o) {
            if (!w.io.read(w, o.originDisk(), sector, n)) {
                return Outcome.error(Errno.EIO);
            }
            w.out.addAll(ReadRuns.format(sector, w.disk(o.originDisk()).read(sector, n)));
            return Outcome.OK;
        }
        List<SectorContent> got = new ArrayList<>();
        SnapshotTarget s = (SnapshotTarget) t.target();
        boolean failed = false;
        for (long[] piece : pieces(sector, n, s.store().chunkSize())) {
            failed |= !s.valid() || !readSnapshotPiece(w, s, piece[0], piece[1], got);
        }
        if (failed) {
            return Outcome.error(Errno.EIO);
        }
        w.out.addAll(ReadRuns.format(sector, got));
        return Outcome.OK;
    }

    /** A snapshot read piece: the cow chunk of its exception, else the origin; false on EIO. */
    private static boolean readSnapshotPiece(World w, SnapshotTarget s, long start, long n, List<SectorContent> got) {
        Store st = s.store();
        long chunk = start / st.chunkSize();
        String disk = s.originDisk();
        long at = start;
        if (st.exceptions().contains(chunk)) {
            disk = s.cowDisk();
            at = st.cowSector(st.exceptions().lookup(chunk), start);
        }
        if (!w.io.read(w, disk, at, n)) {
            return false;
        }
        got.addAll(w.disk(disk).read(at, n));
        return true;
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
        if (dev.suspended()) {
            return Outcome.BLOCKED;
        }
        SnapRef ref = new SnapRef(path.name(), Slot.LIVE);
        OriginTarget origin = dev.live().target() instanceof OriginTarget o ? o : null;
        long boundary = origin != null ? origin.splitBoundary() : w.snap(ref).store().chunkSize();
        List<long[]> ps = pieces(sector, n, boundary);
        boolean ok = writeGroup(w, origin, ref, ps.subList(0, 1), label);
        ok &= writeGroup(w, origin, ref, ps.subList(1, ps.size()), label);
        if (!ok) {
            return Outcome.error(Errno.EIO);
        }
        return n < count ? Outcome.error(Errno.ENOSPC) : Outcome.OK;
    }

    /**
     * One group of pieces: all mapped, then their new exceptions started and completed in
     * allocation order, then each piece's data written; false when a piece failed.
     */
    private static boolean writeGroup(World w, OriginTarget origin, SnapRef ref, List<long[]> pieces, String label) {
        List<PendingException> group = new ArrayList<>();
        List<WritePiece> mapped = new ArrayList<>(pieces.size());
        for (long[] p : pieces) {
            mapped.add(origin != null ? CopyOnWrite.mapOrigin(w, origin.originDisk(), p[0], p[1], group)
                    : CopyOnWrite.mapSnapshotWrite(w, ref, p[0], p[1], label, group));
        }
        ExceptionCompletion.startAll(w, group);
        boolean ok = true;
        for (WritePiece p : mapped) {
            ok &= CopyOnWrite.finish(w, p, label);
        }
        return ok;
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
