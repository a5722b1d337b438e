package dev.snapref.conformance.check;

/**
 * A session that can hand out a disk's raw sector bytes, so the end-of-script data comparison
 * can test them against the reference's labels directly instead of classifying every sector
 * (see {@link SectorMatch}). The bytes must be the ones its {@code diskContents} would classify,
 * after the same checks it makes.
 */
public interface RawDisk {
    /**
     * Reads the raw bytes of up to {@code count} sectors of {@code disk} from {@code first}
     * (clipped at the disk's end), 512 per sector, into the start of {@code into} (which must
     * hold {@code count} sectors); returns the number of sectors read.
     */
    int diskBytes(String disk, long first, int count, byte[] into);
}
