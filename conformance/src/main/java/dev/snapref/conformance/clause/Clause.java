package dev.snapref.conformance.clause;

import dev.snapref.model.DeviceAbstraction;
import dev.snapref.model.LinearAbstraction;
import dev.snapref.model.MergeAbstraction;
import dev.snapref.model.OriginAbstraction;
import dev.snapref.model.SnapshotAbstraction;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.CreateNoTableCommand;
import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.InfoCommand;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.RemoveCommand;
import dev.snapref.scenario.ResumeCommand;
import dev.snapref.scenario.StatusCommand;
import dev.snapref.scenario.SuspendCommand;
import dev.snapref.scenario.TableCommand;
import dev.snapref.scenario.WriteCommand;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The spec clause catalogue: every behaviour the model encodes, with a stable id, its text,
 * the Linux 6.1 function that implements it, and a matcher that says whether a checked step
 * exercises it. A clause passes when every step that exercised it conformed on every target;
 * it fails when a divergence or an invariant violation happened at a step that exercises it.
 * {@link #GEN_1} catches divergences that no more specific clause matches.
 */
public enum Clause {
    // ---- dm core and the scenario format's edge rules
    DM_1("DM-1", "dmsetup create --table creates, loads and resumes a device; when the load fails the errno "
            + "is the constructor's and no device is left behind.", "dm-ioctl.c dev_create/table_load/do_resume",
            c -> c.command() instanceof CreateCommand),
    DM_2("DM-2", "dmsetup create --notable makes a device with no table: info shows 'Tables present: None' and "
            + "I/O to it fails with ENOENT.", "dm-ioctl.c dev_create",
            c -> c.command() instanceof CreateNoTableCommand || c.failedWith("ENOENT")),
    DM_3("DM-3", "dmsetup load runs the constructor now and puts the table in the inactive slot; a constructor "
            + "error is logged as 'table: NAME: TARGET: MESSAGE (-ERRNO)' then 'ioctl: error adding target to "
            + "table'.", "dm-table.c dm_table_add_target, dm-ioctl.c table_load",
            c -> c.command() instanceof LoadCommand),
    DM_4("DM-4", "dmsetup suspend suspends the device (postsuspend hooks run); suspending twice is harmless.",
            "dm.c dm_suspend", c -> c.command() instanceof SuspendCommand),
    DM_5("DM-5", "dmsetup resume with an inactive table suspends the device if needed, swaps the table live, "
            + "runs preresume then resume of the new table, then destroys the old table.",
            "dm-ioctl.c do_resume, dm.c dm_swap_table/dm_resume",
            c -> c.command() instanceof ResumeCommand && had(c, d -> d.inactive().isPresent())),
    DM_6("DM-6", "A failing preresume aborts the resume: the device stays SUSPENDED with the new table LIVE, "
            + "logged as 'table: NAME: TARGET: preresume failed, error = -ERRNO'.",
            "dm-table.c dm_table_resume_targets", c -> c.kmsgContains("preresume failed")),
    DM_7("DM-7", "dmsetup remove destroys the device and its tables (destructors run).", "dm-ioctl.c dev_remove",
            c -> c.command() instanceof RemoveCommand),
    DM_8("DM-8", "dmsetup info prints 'State: ACTIVE|SUSPENDED' and 'Tables present: None|LIVE|INACTIVE|LIVE & "
            + "INACTIVE'.", "dm-ioctl.c __dev_status", c -> c.command() instanceof InfoCommand && c.ok()),
    DM_9("DM-9", "info, status, table, remove, suspend, resume and load of an unknown name fail with ENXIO.",
            "dm-ioctl.c find_device", c -> c.failedWith("ENXIO") && !(c.command() instanceof ReadCommand)
            && !(c.command() instanceof WriteCommand)),
    DM_10("DM-10", "status or table of a table that does not exist (no live table, or --inactive with none) "
            + "prints no lines and succeeds.", "dm-ioctl.c table_status",
            c -> (c.command() instanceof StatusCommand || c.command() instanceof TableCommand) && c.ok()
                    && c.step().output().isEmpty()),
    DM_11("DM-11", "I/O to a suspended device blocks until resume (runners print '-> blocked').",
            "dm.c dm_submit_bio (DMF_BLOCK_IO_FOR_SUSPEND)", c -> c.step().outcome().equals(Outcome.BLOCKED)),
    DM_12("DM-12", "A write that crosses the end of a device writes what fits and fails with ENOSPC; a device "
            + "whose table was never resumed has size 0.", "block/fops.c blkdev_write_iter",
            c -> c.failedWith("ENOSPC")),
    // ---- constructors
    CTR_1("CTR-1", "snapshot needs 4 or more arguments: 'requires 4 or more arguments' (-EINVAL).",
            "dm-snap.c snapshot_ctr", c -> c.kmsgContains("requires 4 or more arguments")),
    CTR_2("CTR-2", "A bad store type or chunk size (not a power of 2, too large, not a multiple of the block "
            + "size, 0 for a transient store) fails with \"Couldn't create exception store\" (-EINVAL).",
            "dm-exception-store.c dm_exception_store_create",
            c -> c.kmsgContains("Couldn't create exception store")),
    CTR_3("CTR-3", "snapshot-origin takes exactly one argument: 'origin: incorrect number of arguments' "
            + "(-EINVAL).", "dm-snap.c origin_ctr", c -> c.kmsgContains("incorrect number of arguments")),
    CTR_4("CTR-4", "A table naming a device that does not exist, or one smaller than the target, is refused.",
            "dm-table.c dm_get_device/device_area_is_invalid",
            c -> c.kmsgContains("Cannot get") || c.kmsgContains("too small for target")),
    CTR_5("CTR-5", "A persistent store reads the cow header at construction: a zero header makes a new store, "
            + "'SnAp' with valid 1 reloads the exceptions, anything else is 'Invalid or corrupt snapshot' "
            + "(-ENXIO).", "dm-snap-persistent.c read_header/read_exceptions",
            c -> c.kmsgContains("persistent snapshot") || c.kmsgContains("Failed to read snapshot metadata")),
    // ---- the handover (the seed patch, as Linux 6.1 does it)
    HO_1("HO-1", "A snapshot table loaded on a cow whose only other snapshot is active pairs with it as the "
            + "handover destination: it reads no metadata and shows chunk size 0 ('P 0', status '0/N 0').",
            "dm-snap.c __validate_exception_handover, snapshot_ctr",
            c -> (c.command() instanceof TableCommand || c.command() instanceof StatusCommand) && c.ok()
                    && c.outputMatches(Patterns.PENDING_DESTINATION)),
    HO_2("HO-2", "Resuming a handover destination while the source is not suspended fails in preresume: "
            + "'Unable to perform snapshot handover until source is suspended.' (-EINVAL).",
            "dm-snap.c snapshot_preresume", c -> c.kmsgContains("until source is suspended")),
    HO_3("HO-3", "Loading a table on a cow already shared by two snapshots, or while a destination is pending, "
            + "fails with EINVAL and 'Snapshot cow pairing for exception table handover failed'.",
            "dm-snap.c __validate_exception_handover", c -> c.kmsgContains("Snapshot cow pairing")),
    HO_4("HO-4", "Resuming the suspended source while its handover is pending fails in preresume: 'Unable to "
            + "resume snapshot source until handover completes.' (-EINVAL).", "dm-snap.c snapshot_preresume",
            c -> c.kmsgContains("until handover completes")),
    HO_5("HO-5", "Resuming the destination with the source suspended hands over the completed exceptions and "
            + "the store: the destination maps exactly what the source mapped and takes its chunk size, store "
            + "type and valid flag.", "dm-snap.c snapshot_resume, __handover_exceptions",
            c -> c.command() instanceof ResumeCommand && c.ok() && handedOver(c)),
    HO_6("HO-6", "After the handover the source is invalid: its status is 'Invalid', its table shows chunk "
            + "size 0, and every read or write to it fails with EIO.", "dm-snap.c snapshot_map, snapshot_status",
            c -> c.outputContains("snapshot Invalid") || (isIo(c) && c.failedWith("EIO"))),
    HO_7("HO-7", "Destroying the source while its handover is pending cancels it: 'Cancelling snapshot "
            + "handover.'; the destination later resumes but is Invalid.", "dm-snap.c snapshot_dtr",
            c -> c.kmsgContains("Cancelling snapshot handover")),
    HO_8("HO-8", "A reload of a live snapshot device with the same cow (what lvchange does) hands over within "
            + "one resume and destroys the old table afterwards, without a cancel message.",
            "dm-ioctl.c do_resume, dm-snap.c snapshot_resume", c -> c.command() instanceof ResumeCommand
            && had(c, d -> d.live().orElse(null) instanceof SnapshotAbstraction
                    && d.inactive().orElse(null) instanceof SnapshotAbstraction)),
    // ---- copy-on-write and the snapshot data path
    COW_1("COW-1", "A write to the origin first copies each chunk it touches into every valid, active snapshot "
            + "that has no exception for it; the snapshot keeps reading the point-in-time data.",
            "dm-snap.c origin_map, do_origin, __origin_write", c -> isOriginWrite(c)),
    COW_2("COW-2", "snapshot-origin splits writes at the smallest chunk size of its snapshots as computed at its "
            + "last resume; each piece copies only the chunk of its first sector.",
            "dm-snap.c origin_resume, get_origin_minimum_chunksize, origin_map",
            c -> isOriginWrite(c) && splitsDiffer(c)),
    COW_3("COW-3", "A write to a snapshot lands in the cow (a partial chunk first copies the rest from the "
            + "origin); the origin is unchanged.", "dm-snap.c snapshot_map", c -> c.command() instanceof WriteCommand w
            && w.device().kind() == dev.snapref.scenario.DevicePath.Kind.MAPPER && isSnapshotDevice(c, w.device().name())),
    COW_4("COW-4", "A read of a snapshot goes to the cow where the chunk has an exception and to the origin "
            + "elsewhere.", "dm-snap.c snapshot_map", c -> c.command() instanceof ReadCommand r
            && r.device().kind() == dev.snapref.scenario.DevicePath.Kind.MAPPER && isSnapshotDevice(c, r.device().name())),
    COW_5("COW-5", "When the store cannot allocate an exception the snapshot is invalidated: 'Invalidating "
            + "snapshot: Unable to allocate exception.', status 'Invalid', I/O EIO (PO stores overflow instead: "
            + "status 'Overflow', snapshot writes fail).", "dm-snap.c __invalidate_snapshot",
            c -> c.kmsgContains("Invalidating snapshot") || c.kmsgContains("Snapshot overflowed")
                    || c.outputContains("Overflow")),
    // ---- linear and stacked tables (LVM's stacks)
    LIN_1("LIN-1", "linear takes '<dev> <offset>': 'Invalid argument count', 'Invalid device sector' (a decimal "
            + "sector only) and 'Device lookup failed' (the lookup's errno) refuse a table; the area offset..offset+len "
            + "must lie inside the device ('too small for target').", "dm-linear.c linear_ctr, dm-table.c "
            + "device_area_is_invalid", c -> c.kmsgContains("linear: ") || (c.kmsgContains("too small for target")
            && tableType(c).equals("linear"))),
    LIN_2("LIN-2", "I/O to a linear device goes to its lower device at the offset plus the sector; its table line is "
            + "'<dev> <offset>', its status empty.", "dm-linear.c linear_map, linear_status",
            c -> isIoTo(c, LinearAbstraction.class) || c.outputMatches(Patterns.LINEAR_LINE)),
    STK_1("STK-1", "Any table may name a mapped device by /dev/mapper/NAME: I/O flows down the stack, table lines "
            + "name it so, kernel messages by its name.", "dm-table.c dm_get_device",
            c -> c.outputContains("/dev/mapper/") || ((c.command() instanceof CreateCommand cc
                    && cc.table().contains("/dev/mapper/")) || (c.command() instanceof LoadCommand l
                    && l.table().contains("/dev/mapper/")))),
    STK_2("STK-2", "A device a live or inactive table holds open cannot be removed: EBUSY, the device and its "
            + "tables stay.", "dm-ioctl.c dev_remove, dm.c dm_lock_for_deletion",
            c -> c.command() instanceof RemoveCommand && c.failedWith("EBUSY")),
    STK_3("STK-3", "I/O to a device that stacks on a suspended device is not issued (it would wait): runners print "
            + "'-> blocked' although the device itself is active.", "dm.c dm_submit_bio of the lower device",
            c -> c.step().outcome().equals(Outcome.BLOCKED) && isIo(c) && !suspendedBefore(c)),
    // ---- snapshot-merge (lvconvert --merge)
    MRG_1("MRG-1", "snapshot-merge takes the snapshot's arguments and refuses a second merge of an origin ('A snapshot "
            + "is already merging.') and a transient source ('Snapshot exception store does not support "
            + "snapshot-merge.'), both -EINVAL.", "dm-snap.c __validate_exception_handover",
            c -> c.kmsgContains("already merging") || c.kmsgContains("does not support snapshot-merge")
                    || c.kmsgContains("snapshot-merge: ")),
    MRG_2("MRG-2", "A snapshot-merge table loaded on a live snapshot's cow is a pending handover destination: "
            + "status '0/T 0', table 'P 0'; resuming it hands the store over (the source becomes Invalid).",
            "dm-snap.c snapshot_ctr, snapshot_merge_resume",
            c -> c.outputContains("snapshot-merge") && c.outputMatches(Patterns.PENDING_DESTINATION)),
    MRG_3("MRG-3", "A resumed snapshot-merge merges every exception into the origin, newest run first, copying out to "
            + "the origin's other snapshots first; the resume returns once it is done: status 'M/T M', the origin "
            + "holds the snapshot's view.", "dm-snap.c snapshot_merge_next_chunks, merge_callback, "
            + "dm-snap-persistent.c persistent_prepare_merge/persistent_commit_merge",
            c -> (c.command() instanceof ResumeCommand || c.command() instanceof CreateCommand) && c.ok()
                    && liveAfter(c, MergeAbstraction.class)),
    MRG_4("MRG-4", "An invalid snapshot does not merge: 'Snapshot is invalid: can't merge', status Invalid, its I/O "
            + "goes to the origin.", "dm-snap.c snapshot_merge_next_chunks, snapshot_merge_map",
            c -> c.kmsgContains("can't merge")),
    MRG_5("MRG-5", "I/O to a merge target: chunks not merged yet are read and written in the cow, others go to the "
            + "origin, writes copying out to the origin's other snapshots first.", "dm-snap.c snapshot_merge_map",
            c -> isIoTo(c, MergeAbstraction.class)),
    MRG_6("MRG-6", "An I/O error stops a merge: 'Read error ...', 'Write error ...', 'Flush after merge failed', "
            + "status 'Merge failed'; resuming restarts it.", "dm-snap.c merge_callback",
            c -> c.kmsgContains("shutting down merge") || c.outputContains("Merge failed")),
    FEAT_1("FEAT-1", "The optional features discard_zeroes_cow and discard_passdown_origin are parsed as the kernel "
            + "does (at most 2, known names, passdown needs zeroes) and shown in table lines.",
            "dm-snap.c parse_snapshot_features, snapshot_status",
            c -> c.outputContains("discard_zeroes_cow") || c.kmsgContains("feature")),
    // ---- exception stores and status lines
    ST_1("ST-1", "Persistent status is 'ALLOCATED/TOTAL METADATA' in sectors: next_free*chunk, the cow size, "
            + "(current_area+2)*chunk; exceptions skip the metadata chunk that starts every area of E+1 chunks.",
            "dm-snap-persistent.c persistent_usage, persistent_prepare_exception",
            c -> c.command() instanceof StatusCommand && c.outputContains("/") && !c.outputContains(" 0/")
                    && !c.outputEndsWith(" 0")),
    ST_2("ST-2", "Transient status is 'ALLOCATED/TOTAL 0': exceptions from cow sector 0 upward, no metadata.",
            "dm-snap-transient.c transient_usage",
            c -> c.command() instanceof StatusCommand && c.outputMatches(Patterns.TRANSIENT_USAGE)),
    ST_3("ST-3", "Table lines print the origin and cow paths, the store type and the chunk size of the store "
            + "the snapshot holds now; snapshot-origin status is empty.", "dm-snap.c snapshot_status, origin_status",
            c -> (c.command() instanceof TableCommand || c.command() instanceof StatusCommand) && c.ok()
                    && !c.step().output().isEmpty()),
    // ---- faults, crashes and corrupt cow images (issue 7): exercised by the fault-mode campaigns,
    // never by a single checked step
    FLT_1("FLT-1", "Under an I/O error on a cow (EIO on a read, write or flush, or a torn write) the engine does what "
            + "the model does with the same fault: the same transcript at every step (EIO to the caller, 'Invalidating "
            + "snapshot: Error reading/writing.', status 'Invalid', a failed metadata commit failing its batch), the "
            + "same block requests, the same disk contents.", "dm-snap.c copy_callback/pending_complete, "
            + "dm-snap-persistent.c persistent_commit_exception/persistent_drop_snapshot", c -> false),
    CRS_1("CRS-1", "A crash at any cow request leaves what the model's crash semantics say (a write survives once "
            + "issued with FUA or followed by a completed flush; a torn write lands a prefix), and loading that image "
            + "again behaves as the model loading it: the same exceptions, status, data and later commits.",
            "dm-snap-persistent.c persistent_commit_exception/read_exceptions", c -> false),
    CRS_2("CRS-2", "Merge progress never loses a committed exception: a crash at any request of a merge leaves on the "
            + "origin and the cow what, loaded again, reads as the merging snapshot read at the merge's start (the "
            + "origin is flushed before the merged records leave the cow).", "dm-snap.c merge_callback (fcc42338375a), "
            + "dm-snap-persistent.c persistent_commit_merge", c -> false),
    CIM_1("CIM-1", "A corrupt cow image is loaded as the model loads it (rejected with the same errno and message, "
            + "marked invalid, or the same exceptions as the kernel's lookups take them) and behaves the same after.",
            "dm-snap-persistent.c read_header/read_metadata/read_exceptions, dm-snap.c dm_insert_exception",
            c -> false),
    // ---- concurrency (issue 14): exercised by the races phase's schedules, never by a single checked step
    RACE_1("RACE-1", "Operations issued at once (I/O in flight during suspend, handover and remove; racing origin "
            + "and snapshot writes; racing loads) give results that some order of the same operations gives one "
            + "at a time (each thread's in order, an operation that ended before another began first), and leave "
            + "that order's state, data and status lines.", "dm-snap.c snapshot_resume (b735fede8d95), "
            + "__origin_write, pending_complete; dm.c dm_suspend", c -> false),
    // ---- everything else
    GEN_1("GEN-1", "Every command prints the same canonical transcript on every target (catch-all for "
            + "divergences no other clause names).", "-", c -> true);

    /** The clause matchers' regular expressions, compiled once (enum constants cannot own static fields). */
    private static final class Patterns {
        static final Pattern PENDING_DESTINATION = Pattern.compile(".* (P|PO|N) 0|.* 0/[0-9]+ 0");
        static final Pattern TRANSIENT_USAGE = Pattern.compile(".*snapshot [1-9][0-9]*/[0-9]+ 0");
        static final Pattern LINEAR_LINE = Pattern.compile("[0-9]+ [0-9]+ linear( .*)?");
    }

    private final String id;
    private final String text;
    private final String kernelFunction;
    private final Predicate<StepContext> matcher;

    Clause(String id, String text, String kernelFunction, Predicate<StepContext> matcher) {
        this.id = id;
        this.text = text;
        this.kernelFunction = kernelFunction;
        this.matcher = matcher;
    }

    public String id() {
        return id;
    }

    public String text() {
        return text;
    }

    public String kernelFunction() {
        return kernelFunction;
    }

    /** Whether the step exercises this clause. */
    public boolean exercisedBy(StepContext c) {
        return matcher.test(c);
    }

    /** The clause with this id. */
    public static Optional<Clause> byId(String id) {
        for (Clause c : values()) {
            if (c.id.equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static boolean had(StepContext c, Predicate<DeviceAbstraction> p) {
        return c.command() instanceof ResumeCommand r && before(c, r.name()).filter(p).isPresent();
    }

    private static boolean handedOver(StepContext c) {
        for (DeviceAbstraction after : c.after().devices().values()) {
            boolean wasValid = before(c, after.name()).flatMap(DeviceAbstraction::liveSnapshot)
                    .map(SnapshotAbstraction::valid).orElse(false);
            boolean nowInvalid = after.liveSnapshot().map(t -> !t.valid()).orElse(false);
            if (wasValid && nowInvalid && !c.kmsgContains("Invalidating")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIo(StepContext c) {
        return c.command() instanceof ReadCommand || c.command() instanceof WriteCommand;
    }

    private static boolean isOriginWrite(StepContext c) {
        return c.command() instanceof WriteCommand w && w.device().kind() == dev.snapref.scenario.DevicePath.Kind.MAPPER
                && before(c, w.device().name()).flatMap(DeviceAbstraction::liveOrigin).isPresent();
    }

    private static boolean isSnapshotDevice(StepContext c, String name) {
        return before(c, name).flatMap(DeviceAbstraction::liveSnapshot).isPresent();
    }

    /** The target type of the table a create or load names ("" for other commands). */
    private static String tableType(StepContext c) {
        String t = c.command() instanceof CreateCommand cc ? cc.table() : c.command() instanceof LoadCommand l
                ? l.table() : "";
        String[] w = t.trim().split("\\s+");
        return w.length > 2 ? w[2] : "";
    }

    /** Whether the step is a read or write of a mapped device whose live table (before) is a {@code type}. */
    private static boolean isIoTo(StepContext c, Class<?> type) {
        DevicePath p = c.command() instanceof ReadCommand r ? r.device()
                : c.command() instanceof WriteCommand w ? w.device() : null;
        return p != null && p.kind() == DevicePath.Kind.MAPPER
                && before(c, p.name()).flatMap(DeviceAbstraction::live).filter(type::isInstance).isPresent();
    }

    /** Whether the device the step's I/O names was suspended before it. */
    private static boolean suspendedBefore(StepContext c) {
        DevicePath p = c.command() instanceof ReadCommand r ? r.device() : ((WriteCommand) c.command()).device();
        return before(c, p.name()).map(DeviceAbstraction::suspended).orElse(false);
    }

    /** Whether the device a resume or create names has a live {@code type} table after the step. */
    private static boolean liveAfter(StepContext c, Class<?> type) {
        String name = c.command() instanceof ResumeCommand r ? r.name() : ((CreateCommand) c.command()).name();
        return c.after().device(name).flatMap(DeviceAbstraction::live).filter(type::isInstance).isPresent();
    }

    /** The device {@code name} before the step. */
    private static Optional<DeviceAbstraction> before(StepContext c, String name) {
        return c.before().device(name);
    }

    private static boolean splitsDiffer(StepContext c) {
        WriteCommand w = (WriteCommand) c.command();
        long boundary = before(c, w.device().name()).flatMap(DeviceAbstraction::liveOrigin)
                .map(OriginAbstraction::splitBoundary).orElse(0L);
        return boundary > 0 && (w.sector() % boundary) + w.count() > boundary;
    }
}
