package dev.snapref.model;

import dev.snapref.scenario.Errno;

/** The kernel messages the model prints, as transcripts show them (prefix "device-mapper: " removed). */
final class Kmsg {
    static final String ADD_TARGET_FAILED = "ioctl: error adding target to table";
    static final String CANCEL_HANDOVER = "snapshots: Cancelling snapshot handover.";
    static final String SOURCE_PENDING = "snapshots: Unable to resume snapshot source until handover completes.";
    static final String SOURCE_NOT_SUSPENDED =
            "snapshots: Unable to perform snapshot handover until source is suspended.";
    static final String INVALID_NO_SPACE = "snapshots: Invalidating snapshot: Unable to allocate exception.";
    static final String INVALID_IO = "snapshots: Invalidating snapshot: Error reading/writing.";
    static final String OVERFLOW = "snapshots: Snapshot overflowed: Unable to allocate exception.";
    static final String MARKED_INVALID = "snapshots: Snapshot is marked invalid.";
    static final String CORRUPT = "persistent snapshot: Invalid or corrupt snapshot";
    static final String ALREADY_MERGING = "A snapshot is already merging.";
    static final String NO_MERGE_SUPPORT = "Snapshot exception store does not support snapshot-merge.";
    static final String CANNOT_MERGE_INVALID = "snapshots: Snapshot is invalid: can't merge";

    private Kmsg() {
    }

    /** dm_table_add_target's error line: {@code table: DEV: TYPE: ERROR (-ENAME)}. */
    static String targetError(String device, String type, String error, Errno errno) {
        return "table: " + device + ": " + type + ": " + error + " (-" + errno.name() + ")";
    }

    /** dm_table_resume_targets' line for a failed preresume. */
    static String preresumeFailed(String device, String type, Errno errno) {
        return "table: " + device + ": " + type + ": preresume failed, error = -" + errno.number();
    }

    /** device_area_is_invalid's line, the device named as the kernel log names it ({@link Volumes#logName}). */
    static String tooSmall(String device, String key, long start, long len, long size) {
        return "table: " + device + ": " + Volumes.logName(key) + " too small for target: start=" + start + ", len="
                + len + ", dev_size=" + size;
    }
}
