package dev.snapref.model;

/**
 * Where a table sits on its device. {@code LIVE} and {@code INACTIVE} are the two dm slots;
 * {@code NEW} (being constructed by a load) and {@code DETACHED} (the old live table between a
 * resume's swap and its destruction) exist only inside one step, never in a {@link ModelState}.
 */
public enum Slot {
    LIVE, INACTIVE, NEW, DETACHED
}
