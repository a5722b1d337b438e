package dev.snapref.model;

import java.util.Locale;

/**
 * The kinds of block request the model issues to a disk, counted separately per disk (so a
 * {@link FaultPlan} can name "the 3rd write" or "the 1st flush").
 */
public enum RequestKind {
    /** A read of a sector range. */
    READ,
    /** A write of a sector range, possibly with forced unit access. */
    WRITE,
    /** A cache flush: every write completed before it is durable once it completes. */
    FLUSH;

    /** The word in the text form of plans and requests: {@code read}, {@code write}, {@code flush}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
