package dev.snapref.engine.block;

/**
 * What a {@link FaultyBlockDevice} does to one request instead of carrying it out normally.
 *
 * @param kind          the fault
 * @param prefixSectors for {@link Kind#TORN_WRITE}: how many leading sectors reach the medium
 *                      (at least 0, fewer than the write's count)
 */
public record Fault(Kind kind, int prefixSectors) {
    /** The faults the device can inject. */
    public enum Kind {
        /** The request fails with EIO and changes nothing. */
        EIO,
        /** Only a prefix of the write's sectors reaches the medium, then the write fails with EIO. */
        TORN_WRITE
    }

    public Fault {
        assert prefixSectors >= 0 : "negative prefix";
    }

    public static Fault eio() {
        return new Fault(Kind.EIO, 0);
    }

    public static Fault torn(int prefixSectors) {
        return new Fault(Kind.TORN_WRITE, prefixSectors);
    }

    @Override
    public String toString() {
        return kind == Kind.EIO ? "EIO" : "torn(" + prefixSectors + ")";
    }
}
