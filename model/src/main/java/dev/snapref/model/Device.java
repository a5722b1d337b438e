package dev.snapref.model;

/**
 * A mapped device.
 *
 * @param name      its name
 * @param suspended dm core's suspended flag
 * @param node      {@code /dev/mapper/NAME} exists (a table was loaded at least once)
 * @param typed     dm core's md type is set (a table was constructed for it at least once; the
 *                  first such load also sets up the queue and checks device areas)
 * @param live      the live table, or null
 * @param inactive  the inactive (loaded, not yet resumed) table, or null
 */
public record Device(String name, boolean suspended, boolean node, boolean typed, Table live, Table inactive) {
    public Device withSuspended(boolean s) {
        return s == suspended ? this : new Device(name, s, node, typed, live, inactive);
    }

    public Device withLive(Table t) {
        return new Device(name, suspended, node, typed, t, inactive);
    }

    public Device withInactive(Table t) {
        return new Device(name, suspended, t != null || node, typed || t != null, live, t);
    }

    public Device withTyped() {
        return typed ? this : new Device(name, suspended, node, true, live, inactive);
    }

    /** Size in sectors as the block layer sees it: the live table's length, else 0. */
    public long size() {
        return live == null ? 0 : live.length();
    }
}
