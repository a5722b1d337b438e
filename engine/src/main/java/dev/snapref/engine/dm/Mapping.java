package dev.snapref.engine.dm;

import dev.snapref.engine.block.BlockDevice;

import java.io.IOException;

/**
 * What a target's map function decided for one bio piece, executed in two steps so that dm core can
 * map several pieces before any of their copies complete (see {@link MappedDevice#submit}):
 * {@link #start()} starts the exception copies the piece is responsible for, {@link #finish()}
 * waits for what the piece is queued on and performs its data I/O. An {@link IOException} from
 * finish fails the bio with EIO.
 */
public interface Mapping {
    /** Starts exception copies owned by this piece (kcopyd). Never blocks on other pieces. */
    default void start() {
    }

    /** Waits as needed, then does the data I/O of the piece. */
    void finish() throws IOException;

    /** DM_MAPIO_KILL: the piece fails with EIO. */
    static Mapping kill() {
        return () -> {
            throw new IOException("killed by target");
        };
    }

    /** DM_MAPIO_REMAPPED: the piece goes to {@code dev} at {@code sector}. */
    static Mapping remap(BlockDevice dev, long sector, Bio bio) {
        return () -> {
            if (bio.write) {
                dev.write(sector, bio.buf, bio.off, bio.count, bio.fua);
            } else {
                dev.read(sector, bio.buf, bio.off, bio.count);
            }
        };
    }
}
