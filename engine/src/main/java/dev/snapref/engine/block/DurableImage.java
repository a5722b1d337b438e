package dev.snapref.engine.block;


import java.util.ArrayList;
import java.util.List;

/**
 * What a crash leaves on a medium, in the worst case dm-log-writes models: a write is durable
 * once it was issued with FUA or once a later flush completed; every other write is lost. Replays
 * a {@link FaultyBlockDevice} log (the device must have started zero-filled or from
 * {@code initial}) up to a crash point.
 *
 * <p>Limits: the medium is assumed to write single sectors atomically (as the kernel's on-disk
 * format assumes); a torn in-flight write is modelled by {@link #crashAt(List, int, int)}.
 */
public final class DurableImage {
    private DurableImage() {
    }

    /**
     * The medium after a crash just before request {@code crashIndex} (requests 0..crashIndex-1
     * completed), with the first {@code tornPrefix} sectors of request {@code crashIndex} (a write)
     * also on the medium; 0 for none.
     */
    public static byte[] crashAt(byte[] initial, List<BlockOp> log, int crashIndex, int tornPrefix) {
        byte[] durable = initial.clone();
        List<BlockOp> volatileWrites = new ArrayList<>();
        for (int i = 0; i < crashIndex; i++) {
            BlockOp op = log.get(i);
            switch (op.kind()) {
                case WRITE -> {
                    volatileWrites.add(op);
                    if (op.fua()) {
                        apply(durable, op, op.count());
                    }
                }
                case FLUSH -> {
                    // every completed write is durable now, in the order issued
                    for (BlockOp w : volatileWrites) {
                        apply(durable, w, w.count());
                    }
                    volatileWrites.clear();
                }
                case READ -> {
                }
            }
        }
        if (tornPrefix > 0) {
            BlockOp op = log.get(crashIndex);
            assert op.kind() == BlockOp.Kind.WRITE && tornPrefix < op.count() : "torn prefix of a write";
            apply(durable, op, tornPrefix);
        }
        return durable;
    }

    private static void apply(byte[] medium, BlockOp w, int sectors) {
        System.arraycopy(w.data(), 0, medium, (int) (w.sector() * BlockDevice.SECTOR_SIZE),
                sectors * BlockDevice.SECTOR_SIZE);
    }
}
