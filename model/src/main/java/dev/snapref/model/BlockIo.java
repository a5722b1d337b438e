package dev.snapref.model;

import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.Errno;
import dev.snapref.scenario.ReadRuns;
import dev.snapref.scenario.SectorContent;
import java.util.ArrayList;
import java.util.List;

/**
 * One O_DIRECT read or write of a script, as the block layer, dm core and the targets handle
 * it: the request is clipped at the device end, cut into bios of at most {@link #BIO_SECTORS}
 * sectors, and each bio is split by dm (a snapshot at chunk boundaries, an origin at its split
 * boundary). Every piece is mapped in order; a failed piece does not stop the others. The
 * exceptions the first piece creates complete before the next piece is mapped; those of the
 * later pieces complete after all of them were mapped ({@link CopyOnWrite}). In Linux 6.1 this
 * is a race (kcopyd against dm's resubmission of the rest of the bio): the recorded
 * kernel-transcripts/cow-overflow image shows this interleaving, the re-runs in
 * testdata/scenarios/multi-piece-overflow show the first piece's exception not yet committed.
 * The spec follows the recorded reference image, so that model, engine and the reference agree.
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
            w.out.addAll(ReadRuns.format(sector, w.disk(o.originDisk()).read(sector, n)));
            return Outcome.OK;
        }
        List<SectorContent> got = new ArrayList<>();
        SnapshotTarget s = (SnapshotTarget) t.target();
        boolean failed = false;
        for (long[] piece : pieces(sector, n, s.store().chunkSize())) {
            if (!s.valid()) {
                failed = true;
                continue;
            }
            got.addAll(readSnapshotPiece(w, s, piece[0], piece[1]));
        }
        if (failed) {
            return Outcome.error(Errno.EIO);
        }
        w.out.addAll(ReadRuns.format(sector, got));
        return Outcome.OK;
    }

    private static List<SectorContent> readSnapshotPiece(World w, SnapshotTarget s, long start, long n) {
        long cs = s.store().chunkSize();
        long chunk = start / cs;
        long newChunk = s.store().exceptions().lookup(chunk);
        if (newChunk < 0) {
            return w.disk(s.originDisk()).read(start, n);
        }
        return w.disk(s.cowDisk()).read(newChunk * cs + (start - chunk * cs), n);
    }

    static Outcome write(World w, DevicePath path, long sector, long count, String label) {
        if (path.kind() == DevicePath.Kind.DISK) {
            Disk d = w.disk(path.name());
            long n = clip(d.sectors(), sector, count);
            if (n > 0) {
                w.putDisk(d.writePattern(sector, n, label).taint());
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
        boolean failed = false;
        List<PendingException> pending = new ArrayList<>();
        if (dev.live().target() instanceof OriginTarget o) {
            List<long[]> ps = pieces(sector, n, o.splitBoundary());
            for (int i = 0; i < ps.size(); i++) {
                CopyOnWrite.originWrite(w, o.originDisk(), ps.get(i)[0], ps.get(i)[1], pending);
                w.putDisk(w.disk(o.originDisk()).writePattern(ps.get(i)[0], ps.get(i)[1], label));
                failed |= i == 0 && !completeFirstPiece(w, pending);
            }
        } else {
            List<long[]> ps = pieces(sector, n, w.snap(ref).store().chunkSize());
            for (int i = 0; i < ps.size(); i++) {
                failed |= !CopyOnWrite.snapshotWrite(w, ref, ps.get(i)[0], ps.get(i)[1], label, pending);
                failed |= i == 0 && !completeFirstPiece(w, pending);
            }
        }
        failed |= !CopyOnWrite.complete(w, pending);
        if (failed) {
            return Outcome.error(Errno.EIO);
        }
        return n < count ? Outcome.error(Errno.ENOSPC) : Outcome.OK;
    }

    /** The first piece's exceptions complete before the next piece is mapped (see the class note). */
    private static boolean completeFirstPiece(World w, List<PendingException> pending) {
        boolean ok = CopyOnWrite.complete(w, pending);
        pending.clear();
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
