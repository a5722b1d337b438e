package dev.snapref.engine.dm;

import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.Errno;

import dev.snapref.engine.kernel.SchedulePoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A mapped device (struct mapped_device): a live and an inactive table slot, the suspended state
 * and the I/O gate. State changes happen with the kernel control lock held and are checked by
 * asserts; I/O reads the live table only between {@link IoGate#enter()} and {@link IoGate#exit()},
 * and the live table is swapped only while the gate is blocked (suspended), so a bio never sees a
 * table change mid-flight (the role of SRCU in the kernel).
 */
public final class MappedDevice {
    /**
     * The largest bio of an O_DIRECT request (BIO_MAX_VECS pages of 4 KiB): the block layer cuts a
     * larger request into bios of this many sectors, counted from the request's start, before dm
     * splits them at the target's boundaries (the model's {@code BlockIo.BIO_SECTORS}).
     */
    public static final int BIO_SECTORS = 2048;

    private final String name;
    private final DmContext context;
    private final IoGate gate;
    private volatile Table live;
    private Table inactive;
    private volatile boolean suspended;
    private boolean internallySuspended;
    private volatile boolean hasDisk;
    private volatile long capacity;
    private boolean removed;

    public MappedDevice(String name, DmContext context) {
        this.name = name;
        this.context = context;
        this.gate = new IoGate(context.interleaving());
    }

    public String name() {
        return name;
    }

    /** What dm core and the targets share (log, control lock, resolver, target types). */
    public DmContext context() {
        return context;
    }

    public IoGate gate() {
        return gate;
    }

    /** dm_suspended_md: suspended by a user suspend (not by an internal suspend). */
    public boolean isSuspended() {
        return suspended;
    }

    /** The block device node exists: a table was loaded at least once (add_disk). */
    public boolean hasDisk() {
        return hasDisk;
    }

    /** Capacity in sectors: the size of the table made live by the last swap (0 before). */
    public long capacity() {
        return capacity;
    }

    public Table live() {
        return live;
    }

    public Table inactive() {
        return inactive;
    }

    /** A new, empty table bound to this device (to be filled by a ctr). */
    public Table newTable() {
        return new Table(this);
    }

    /** Destroys a table that never became live or was replaced (dm_table_destroy). */
    public void destroyTable(Table t) {
        assert context.controlLock().isHeldByCurrentThread() : "control lock not held";
        t.destroy();
    }

    /**
     * dm_calculate_queue_limits, as far as it can fail here: every device area must lie inside its
     * device (device_area_is_invalid; a device of size 0 is not checked). Fails with EINVAL after
     * logging {@code table: <md>: <dev> too small for target: ...}.
     */
    public void calculateLimits(Table t) throws DmException {
        for (DeviceArea a : t.target().devices()) {
            long size = a.device().sectors();
            if (size == 0) {
                continue;
            }
            if (a.start() >= size || a.start() + a.length() > size) {
                context.log().log("table: " + name + ": " + a.name() + " too small for target: start=" + a.start()
                        + ", len=" + a.length() + ", dev_size=" + size);
                throw new DmException(Errno.EINVAL, a.name() + " too small for target");
            }
        }
    }

    /**
     * dm_setup_md_queue on the first table load: fails (logging as the kernel does) when the
     * table's limits cannot be calculated; on success the device node exists from now on.
     */
    public void setupQueue(Table t) throws DmException {
        assert context.controlLock().isHeldByCurrentThread() : "control lock not held";
        if (hasDisk) {
            return;
        }
        try {
            calculateLimits(t);
        } catch (DmException e) {
            context.log().log("core: Cannot calculate initial queue limits");
            context.log().log("ioctl: unable to set up device queue for new table.");
            throw e;
        }
        hasDisk = true;
    }

    /** Stages {@code t} as the inactive table; returns the one it replaces (caller destroys it). */
    public Table stageInactive(Table t) {
        assert context.controlLock().isHeldByCurrentThread() : "control lock not held";
        assert !removed : "load on removed device";
        assert hasDisk : "table staged before the queue was set up";
        Table old = inactive;
        inactive = t;
        return old;
    }

    /** Takes the inactive table out of its slot (do_resume). */
    public Table takeInactive() {
        assert context.controlLock().isHeldByCurrentThread() : "control lock not held";
        Table t = inactive;
        inactive = null;
        return t;
    }

    /** dm_suspend: presuspend, block and drain I/O, mark suspended, postsuspend. */
    public void suspend() {
        assert context.controlLock().isHeldByCurrentThread() : "control lock not held";
        assert !suspended : "suspend of a suspended device";
        Table map = live;
        if (map != null && map.target() != null) {
            map.target().presuspend();
        }
        gate.blockAndDrain();
        SchedulePoint.at(context.interleaving(), "suspend: drained");
        suspended = true;
        if (map != null && map.target() != null) {
            map.target().postsuspend();
        }
    }

    /** dm_swap_table: makes {@code t} live on the suspended device; returns the old live table. */
    public Table swapTable(Table t) {
        assert context.controlLock().isHeldByCurrentThread() : "control lock not held";
        assert suspended : "swap on a device that is not suspended";
        Table old = live;
        live = t;
        capacity = t.size();
        return old;
    }

    /**
     * dm_resume: preresume the target (a failure is logged as the kernel does and aborts), resume
     * hook, then let I/O flow. On failure the device stays suspended.
     */
    public void resume() throws DmException {
        assert context.controlLock().isHeldByCurrentThread() : "control lock not held";
        Table map = live;
        if (!suspended || map == null || map.size() == 0) {
            throw new DmException(Errno.EINVAL, "resume of a device that is not suspended or has no table");
        }
        Target ti = map.target();
        try {
            ti.preresume();
        } catch (DmException e) {
            context.log().log("table: " + name + ": " + ti.typeName() + ": preresume failed, error = -"
                    + e.errno().number());
            throw e;
        }
        ti.resume();
        SchedulePoint.at(context.interleaving(), "resume: target resumed");
        suspended = false;
        gate.unblock();
    }

    /**
     * dm_internal_suspend_fast: holds I/O off and drains it without running target hooks. A no-op
     * (returns false) when the device is already suspended.
     */
    public boolean internalSuspendFast() {
        assert context.controlLock().isHeldByCurrentThread() : "control lock not held";
        if (suspended || internallySuspended || removed) {
            return false;
        }
        internallySuspended = true;
        gate.blockAndDrain();
        return true;
    }

    /** dm_internal_resume_fast, pairing a successful {@link #internalSuspendFast()}. */
    public void internalResumeFast() {
        assert context.controlLock().isHeldByCurrentThread() : "control lock not held";
        assert internallySuspended : "internal resume without internal suspend";
        internallySuspended = false;
        gate.unblock();
    }

    /** Tables to destroy on removal, inactive first then live (dev_remove, then dm_destroy). */
    public List<Table> removeTables() {
        assert context.controlLock().isHeldByCurrentThread() : "control lock not held";
        assert !removed : "removed twice";
        removed = true;
        List<Table> out = new ArrayList<>(2);
        if (inactive != null) {
            out.add(inactive);
            inactive = null;
        }
        Table map = live;
        if (map != null) {
            if (!suspended) {
                if (map.target() != null) {
                    map.target().presuspend();
                }
                gate.blockAndDrain();
                suspended = true;
                if (map.target() != null) {
                    map.target().postsuspend();
                }
            }
            out.add(map);
            live = null;
        }
        gate.kill();
        hasDisk = false;
        return out;
    }

    /**
     * Submits one request to the live table; the caller has entered the gate. The block layer cuts
     * it into bios of at most {@link #BIO_SECTORS}, dm core splits each at the target's boundaries. The first piece is mapped and completed before the others
     * (unless the target says otherwise for writes: {@link Target#firstWritePieceAlone()}); the
     * remaining pieces are all mapped, then started, then completed (the order in which Linux 6.1
     * processed a split O_DIRECT bio in the recorded runs: the first piece's exceptions were
     * committed on their own, the rest's as one batch; a write to a snapshot has all its pieces
     * mapped first). Every piece runs even if one fails; the
     * first failure is thrown.
     */
    public void submit(Bio bio) throws IOException {
        Table map = live;
        assert map != null : "I/O without a live table";
        Target ti = map.target();
        if (bio.count <= BIO_SECTORS && ti.pieceLength(bio.write, bio.sector - ti.begin(), bio.count) >= bio.count) {
            Mapping m = ti.mapWhole(bio);
            SchedulePoint.at(context.interleaving(), "bio: mapped");
            m.start();
            SchedulePoint.at(context.interleaving(), "bio: started");
            m.finish();
            return;
        }
        List<Bio> pieces = split(ti, bio);
        IOException first = null;
        int from = 0;
        if (!bio.write || ti.firstWritePieceAlone()) {
            Mapping m0 = ti.map(pieces.get(0));
            SchedulePoint.at(context.interleaving(), "bio: first piece mapped");
            m0.start();
            try {
                m0.finish();
            } catch (IOException e) {
                first = e;
            }
            from = 1;
        }
        List<Mapping> rest = new ArrayList<>(pieces.size());
        for (int i = from; i < pieces.size(); i++) {
            rest.add(ti.map(pieces.get(i)));
        }
        SchedulePoint.at(context.interleaving(), "bio: pieces mapped");
        for (Mapping m : rest) {
            m.start();
        }
        SchedulePoint.at(context.interleaving(), "bio: pieces started");
        for (Mapping m : rest) {
            try {
                m.finish();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static List<Bio> split(Target ti, Bio bio) {
        List<Bio> pieces = new ArrayList<>();
        int done = 0;
        while (done < bio.count) {
            long n = Math.min(ti.pieceLength(bio.write, bio.sector + done - ti.begin(), bio.count - done),
                    BIO_SECTORS - done % BIO_SECTORS);
            assert n > 0 : "target accepted no sectors";
            pieces.add(bio.piece(done, (int) n));
            done += (int) n;
        }
        return pieces;
    }
}
