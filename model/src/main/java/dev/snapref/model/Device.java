package dev.snapref.model;

/**
 * A mapped device.
 *
 * @param name      its name
 * @param suspended dm core's suspended flag
 * @param node      {@code /dev/mapper/NAME} exists (a table was loaded at least once)
 * @param live      the live table, or null
 * @param inactive  the inactive (loaded, not yet resumed) table, or null
 */
public record Device(String name, boolean suspended, boolean node, Table live, Table inactive) {
    public Device withSuspended(boolean s) {
        return new Device(name, s, node, live, inactive);
    }

    public Device withLive(Table t) {
        return new Device(name, suspended, node, t, inactive);
    }

    public Device withInactive(Table t) {
        return new Device(name, suspended, t != null || node, live, t);
    }

    /** Size in sectors as the block layer sees it: the live table's length, else 0. */
    public long size() {
        return live == null ? 0 : live.length();
    }
}
