package dev.snapref.engine.block;

/**
 * One request a {@link FaultyBlockDevice} saw, in arrival order.
 *
 * @param index  position in the device's request log (0-based, reads included)
 * @param kind   read, write or flush
 * @param sector first sector (0 for a flush)
 * @param count  sectors (0 for a flush)
 * @param fua    a write with forced unit access (durable when it completes)
 * @param data   a write's sectors as issued (null for reads and flushes); never modified
 * @param kindIndex position among the device's requests of the same kind (the atlas counts per kind)
 */
public record BlockOp(int index, Kind kind, long sector, int count, boolean fua, byte[] data, int kindIndex) {
    /** The kinds of block request. */
    public enum Kind { READ, WRITE, FLUSH }

    /** Short text: {@code write#3 sector 16+8 fua}. */
    public String describe() {
        return switch (kind) {
            case FLUSH -> "flush#" + kindIndex;
            case READ -> "read#" + kindIndex + " sector " + sector + "+" + count;
            case WRITE -> "write#" + kindIndex + " sector " + sector + "+" + count + (fua ? " fua" : "");
        };
    }
}
