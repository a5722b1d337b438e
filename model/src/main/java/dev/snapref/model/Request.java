package dev.snapref.model;

/**
 * One block request the model issued to a tracked disk, in issue order (see
 * {@link BlockRequests}).
 *
 * @param index     position among all requests to the disk (reads included), from 0
 * @param kind      read, write or flush
 * @param kindIndex position among the disk's requests of the same kind (what a plan counts)
 * @param step      the script step (from 0) that issued it
 * @param sector    first sector (0 for a flush)
 * @param count     sectors (0 for a flush)
 * @param fua       a write with forced unit access: durable once it completes
 * @param written   for a write, the disk as the whole write leaves it (sectors
 *                  {@code [sector, sector+count)} are the data issued); null otherwise
 */
public record Request(int index, RequestKind kind, int kindIndex, int step, long sector, long count, boolean fua,
                      Disk written) {
    public Request {
        assert (kind == RequestKind.WRITE) == (written != null) : "a write and only a write carries data";
    }

    /** The 512 bytes the write puts in its {@code i}-th sector. */
    public byte[] dataSector(long i) {
        assert kind == RequestKind.WRITE && i >= 0 && i < count : "a sector of the write";
        return written.bytesAt(sector + i);
    }

    /** Short text: {@code write#3 sector 16+8 fua}, {@code flush#0}. */
    public String describe() {
        return switch (kind) {
            case FLUSH -> "flush#" + kindIndex;
            case READ -> "read#" + kindIndex + " sector " + sector + "+" + count;
            case WRITE -> "write#" + kindIndex + " sector " + sector + "+" + count + (fua ? " fua" : "");
        };
    }
}
