package dev.snapref.engine.kernel;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The catalogue of historical (or plausible) dm-snapshot mistakes the engine can be built with,
 * to prove that the conformance gate and the stress tests see them ("canaries"). A switch is
 * turned on with {@code DeviceMapper(Set)}; with no switch on the engine
 * is the reference behaviour. Each switch is checked at the one place of the engine where the
 * real mistake would be, as a small {@code if (kernel.bug(X))} branch.
 *
 * <p>Limits: {@link #BROKEN_HANDOVER_LOCKING} and {@link #PENDING_ON_OLD_STORE} change nothing a
 * sequential script can observe (they need I/O in flight during a handover); the conformance
 * gate's deterministic concurrency phase ({@code races}), the jcstress races and the bug
 * catalogue's interleaving test show them.
 */
public enum EngineBug {
    PENDING_ON_OLD_STORE("handover without holding off origin I/O: exceptions pending at handover complete on the"
            + " old store and table (fixed upstream by b735fede8d95 \"dm snapshot: suspend origin when doing"
            + " exception handover\")"),
    THIRD_TABLE_ALLOWED("a third snapshot table on a cow in use by a handover pair is accepted (the pairing check of"
            + " register_snapshot skipped)"),
    SOURCE_VALID_AFTER_HANDOVER("__handover_exceptions leaves the source valid, so it still answers I/O with the"
            + " destination's never-initialised store"),
    NO_CANCEL_ON_SOURCE_DESTROY("destroying the handover source before the handover does not cancel it: the"
            + " destination is not invalidated and takes over an empty store"),
    PRERESUME_SKIPS_SUSPEND_CHECK("snapshot_preresume does not check that the handover source is suspended"),
    DEST_KEEPS_TABLE_CHUNK_SIZE("the handover destination keeps the chunk size of its own table line (as"
            + " max_io_len and in its table line) instead of the handed-over store's"),
    NEXT_FREE_ON_METADATA("read_exceptions does not skip a metadata chunk for next_free, so after a reload a new"
            + " exception can land on the next metadata area (CVE-2013-4299, fixed by e9c6a182649f)"),
    COMMIT_OUT_OF_ORDER("exceptions are committed in completion order, not allocation order: of several pending at"
            + " once the later ones complete first (before 230c83afdd9c \"dm snapshot: avoid snapshot space leak"
            + " on crash\")"),
    ORIGIN_WRITE_SKIPS_SNAPSHOT("__origin_write stops at the first snapshot that needed an exception, so the other"
            + " snapshots of the origin lose the chunk"),
    BROKEN_HANDOVER_LOCKING("the handover swaps tables and stores without the snapshots' locks and without holding"
            + " off origin I/O (only concurrent tests can see it)"),
    FORGET_ZERO_NEXT_AREA("persistent_commit_exception does not zero the next metadata area when the current one"
            + " fills, so stale data there reads back as exceptions after a reload (fault campaigns)"),
    COPY_ERROR_REPORTED_AS_SUCCESS("a failed chunk copy is committed as a success: the snapshot stays valid and"
            + " maps the chunk to a cow chunk that never got the data (fault campaigns)"),
    COMMIT_WITHOUT_FLUSH("the metadata area is written without flushing the copied chunks first, so after a crash"
            + " a committed exception can point at data that never reached the cow (crash campaigns)"),
    MERGE_IO_NOT_HELD("a handover while another snapshot of the origin merges does not hold the merging"
            + " snapshot's I/O off nor stop its merge (fixed upstream by 09ee96b21456 \"dm snapshot: suspend merging"
            + " snapshot when doing exception handover\"; only concurrent tests can see it)"),
    MERGE_COMMIT_BEFORE_FLUSH("a merge clears the merged records before flushing the origin, so after a crash the"
            + " merged chunks can be in neither the origin nor the cow (fixed upstream by fcc42338375a \"dm snapshot:"
            + " flush merged data before committing metadata\"; crash campaigns)"),
    MERGE_SKIPS_OTHER_SNAPSHOTS("a merge overwrites origin chunks without copying them out to the origin's other"
            + " snapshots first, so their views change"),
    READ_RETURNS_ASKED("an O_DIRECT read that reaches past the end of a device returns the count asked, not the"
            + " sectors it read (the bytes read are right: only the read API's return value shows it)");

    private final String description;

    EngineBug(String description) {
        this.description = description;
    }

    /** The kebab-case name used on the command line, e.g. {@code pending-on-old-store}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** One line: what the mistake is and, where there is one, the kernel commit that fixed it. */
    public String description() {
        return description;
    }

    /**
     * The switch named {@code id}. The stress notes' older name {@code handover-without-origin-suspend}
     * is accepted for {@link #PENDING_ON_OLD_STORE}.
     *
     * @throws IllegalArgumentException naming every known switch when {@code id} is unknown
     */
    public static EngineBug byId(String id) {
        String want = id == null ? "" : id.trim();
        if (want.equals("handover-without-origin-suspend")) {
            return PENDING_ON_OLD_STORE;
        }
        for (EngineBug b : values()) {
            if (b.id().equals(want)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown engine bug '" + want + "' (known: " + knownIds() + ")");
    }

    /** The known ids, comma separated, in catalogue order. */
    /** The switches as a bit per ordinal (at most 64 switches). */
    public static long mask(java.util.Collection<EngineBug> bugs) {
        assert values().length <= 64 : "a bug mask holds 64 switches";
        long m = 0;
        for (EngineBug b : bugs) {
            m |= 1L << b.ordinal();
        }
        return m;
    }

    public static String knownIds() {
        return Arrays.stream(values()).map(EngineBug::id).collect(Collectors.joining(", "));
    }
}
