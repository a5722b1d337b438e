package dev.snapref.model;

import dev.snapref.scenario.SectorContent;
import dev.snapref.scenario.SectorPattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable abstract block device: a name, a size in sectors and a canonical, sorted list
 * of non-zero {@link Extent}s (adjacent extents that continue one run are always joined, so two
 * disks with the same content have equal extent lists). Value equality, cached hash.
 *
 * <p>Two flags record history the invariants need: {@code tainted} (the disk was written behind
 * dm-snapshot's back: a raw script write, or a cross use as origin and cow) and
 * {@code cowWritten} (a snapshot's exception store wrote to it).
 */
public final class Disk {
    private final String name;
    private final long sectors;
    private final Extent[] extents;
    private final boolean tainted;
    private final boolean cowWritten;
    private final int hash;
    /** {@link #fingerprint()}, 0 until first asked. */
    private volatile long fingerprint;

    private Disk(String name, long sectors, Extent[] extents, boolean tainted, boolean cowWritten) {
        this.name = name;
        this.sectors = sectors;
        this.extents = extents;
        this.tainted = tainted;
        this.cowWritten = cowWritten;
        this.hash = ((name.hashCode() * 31 + Long.hashCode(sectors)) * 31 + Arrays.hashCode(extents)) * 4
                + (tainted ? 2 : 0) + (cowWritten ? 1 : 0);
        assert canonical() : "extents sorted, inside the disk, joined";
    }

    /** A zero-filled disk. */
    public static Disk zeroed(String name, long sectors) {
        return new Disk(name, sectors, new Extent[0], false, false);
    }

    /**
     * The disk holding exactly the bytes of {@code image}, its length rounded down to whole
     * sectors: a zero sector stays zero, a sector reading {@code label@k} (what a script write
     * puts there, {@link SectorPattern#classify}) becomes that pattern, any other sector a
     * {@link SectorValue.Raw}. So {@link #bytesAt} gives back the image byte for byte, and an image
     * of script data has the same extents as the disk the writes made. Neither flag is set.
     */
    public static Disk fromImage(String name, byte[] image) {
        long sectors = image.length / SectorPattern.SECTOR_SIZE;
        return fromImage(name, sectors, new TreeMap<>(Map.of(0L, image)));
    }

    /**
     * The disk of {@code sectors} sectors that holds the bytes of {@code runs} (first sector to
     * bytes, a trailing partial sector ignored; runs in ascending order, not overlapping, inside the disk) and zeros
     * everywhere else, classified as {@link #fromImage(String, byte[])} does: a sparse image of a
     * disk of any size, in time and memory proportional to the runs. Neither flag is set.
     */
    public static Disk fromImage(String name, long sectors, SortedMap<Long, byte[]> runs) {
        List<Extent> out = new ArrayList<>();
        for (Map.Entry<Long, byte[]> run : runs.entrySet()) {
            byte[] image = run.getValue();
            for (int off = 0; off + SectorPattern.SECTOR_SIZE <= image.length; off += SectorPattern.SECTOR_SIZE) {
                long s = run.getKey() + off / SectorPattern.SECTOR_SIZE;
                assert s < sectors : "run inside the disk";
                SectorContent c = SectorPattern.classify(image, off);
                if (c instanceof SectorContent.Zero) {
                    continue;
                }
                SectorValue v = c instanceof SectorContent.Pattern p ? new SectorValue.Pattern(p.label(), p.index())
                        : new SectorValue.Raw(Arrays.copyOfRange(image, off, off + SectorPattern.SECTOR_SIZE));
                add(out, new Extent(s, 1, v));
            }
        }
        return new Disk(name, sectors, out.toArray(new Extent[0]), false, false);
    }

    public String name() {
        return name;
    }

    public long sectors() {
        return sectors;
    }

    public boolean tainted() {
        return tainted;
    }

    public boolean cowWritten() {
        return cowWritten;
    }

    public List<Extent> extents() {
        return List.of(extents);
    }

    /** The same content and flags under another name (a mapped device's computed image). */
    public Disk renamed(String newName) {
        return newName.equals(name) ? this : new Disk(newName, sectors, extents, tainted, cowWritten);
    }

    /** This disk marked as written behind dm-snapshot's back. */
    public Disk taint() {
        return tainted ? this : new Disk(name, sectors, extents, true, cowWritten);
    }

    /** This disk marked as written by an exception store. */
    public Disk markCowWritten() {
        return cowWritten ? this : new Disk(name, sectors, extents, tainted, true);
    }

    /** This disk with the flags of {@code other} added (a torn write lands part of {@code other}'s data). */
    Disk withFlagsOf(Disk other) {
        Disk d = other.tainted ? taint() : this;
        return other.cowWritten ? d.markCowWritten() : d;
    }

    /** The value of one sector (a single-sector value), or null when it is zero. */
    public SectorValue valueAt(long sector) {
        int i = find(sector);
        return i < 0 ? null : extents[i].clip(sector, sector + 1).value();
    }

    /** The exact 512 bytes of one sector. */
    public byte[] bytesAt(long sector) {
        SectorValue v = valueAt(sector);
        return v == null ? new byte[SectorPattern.SECTOR_SIZE] : v.bytes(0);
    }

    /** What a read of {@code [start, start+count)} sees, sector by sector. */
    public List<SectorContent> read(long start, long count) {
        assert start >= 0 && start + count <= sectors : "read inside the disk";
        List<SectorContent> out = new ArrayList<>((int) count);
        for (long s = start; s < start + count; s++) {
            SectorValue v = valueAt(s);
            if (v == null) {
                out.add(SectorContent.ZERO);
            } else if (v instanceof SectorValue.Pattern p) {
                out.add(new SectorContent.Pattern(p.label(), p.first()));
            } else {
                out.add(SectorPattern.classify(v.bytes(0), 0));
            }
        }
        return out;
    }

    /** The extents inside {@code [start, start+count)}, clipped. */
    public List<Extent> slice(long start, long count) {
        List<Extent> out = new ArrayList<>();
        for (Extent e : extents) {
            if (e.start() >= start + count) {
                break;
            }
            Extent c = e.clip(start, start + count);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** This disk after a script write of {@code label} to {@code [start, start+count)}. */
    public Disk writePattern(long start, long count, String label) {
        return replace(start, count, List.of(new Extent(start, count, new SectorValue.Pattern(label, start))));
    }

    /** This disk with {@code [at, at+count)} holding {@code label@first}, {@code label@(first+1)}, ... */
    public Disk writeRun(long at, long count, String label, long first) {
        return replace(at, count, List.of(new Extent(at, count, new SectorValue.Pattern(label, first))));
    }

    /** This disk with {@code [start, start+count)} zeroed. */
    public Disk zero(long start, long count) {
        return replace(start, count, List.of());
    }

    /** This disk with one sector set to {@code value} (null = zero). */
    public Disk put(long sector, SectorValue value) {
        return replace(sector, 1, value == null ? List.of() : List.of(new Extent(sector, 1, value)));
    }

    /** This disk after copying {@code count} sectors of {@code src} from {@code srcStart} to {@code dstStart}. */
    public Disk copyFrom(Disk src, long srcStart, long dstStart, long count) {
        List<Extent> moved = new ArrayList<>();
        for (Extent e : src.slice(srcStart, count)) {
            moved.add(e.moveTo(e.start() - srcStart + dstStart));
        }
        return replace(dstStart, count, moved);
    }

    /** Whether {@code other} holds the same bytes (names and flags aside). */
    public boolean sameContent(Disk other) {
        return sectors == other.sectors && Arrays.equals(extents, other.extents);
    }

    /** Replaces {@code [start, start+count)} by {@code inside} (extents within that range, sorted). */
    private Disk replace(long start, long count, List<Extent> inside) {
        assert start >= 0 && count >= 0 && start + count <= sectors : "write inside the disk: " + name;
        long end = start + count;
        List<Extent> out = new ArrayList<>(extents.length + inside.size() + 2);
        for (Extent e : extents) {
            if (e.start() < start) {
                add(out, e.clip(e.start(), start));
            }
        }
        for (Extent e : inside) {
            assert e.start() >= start && e.end() <= end : "replacement inside the range";
            add(out, e);
        }
        for (Extent e : extents) {
            if (e.end() > end) {
                add(out, e.clip(end, e.end()));
            }
        }
        return new Disk(name, sectors, out.toArray(new Extent[0]), tainted, cowWritten);
    }

    private static void add(List<Extent> out, Extent e) {
        if (e == null) {
            return;
        }
        if (!out.isEmpty() && out.get(out.size() - 1).joins(e)) {
            Extent last = out.remove(out.size() - 1);
            out.add(new Extent(last.start(), last.length() + e.length(), last.value()));
        } else {
            out.add(e);
        }
    }

    private int find(long sector) {
        int lo = 0;
        int hi = extents.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Extent e = extents[mid];
            if (sector < e.start()) {
                hi = mid - 1;
            } else if (sector >= e.end()) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private boolean canonical() {
        for (int i = 0; i < extents.length; i++) {
            if (extents[i].end() > sectors || (i > 0 && (extents[i - 1].end() > extents[i].start()
                    || extents[i - 1].joins(extents[i])))) {
                return false;
            }
        }
        return true;
    }

    /** The 64-bit fingerprint of this value ({@link StateFingerprint}), computed once (idempotent, so a race only repeats it). */
    public long fingerprint() {
        long f = fingerprint;
        if (f == 0) {
            f = StateFingerprint.disk(name, sectors, tainted, cowWritten, Arrays.asList(extents));
            fingerprint = f;
        }
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Disk d && d.hash == hash && d.sectors == sectors && d.tainted == tainted
                && d.cowWritten == cowWritten && d.name.equals(name) && Arrays.equals(d.extents, extents);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return name + "(" + sectors + ")" + Arrays.toString(extents) + (tainted ? " tainted" : "");
    }
}
