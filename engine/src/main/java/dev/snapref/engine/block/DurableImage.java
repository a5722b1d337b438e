package dev.snapref.engine.block;


import java.util.ArrayList;
import java.util.List;

/**
 * What a crash leaves on a medium, in the worst case dm-log-writes models: a write is durable
 * once it was issued with FUA or once a later flush completed; every other write is lost. Replays
 * a {@link FaultyBlockDevice} log (the device must have started zero-filled or from
 * {@code initial}) up to a crash point.
 *
 * <p>The medium is kept sparse ({@link SparseImageEditor}: the pages of {@code initial} no write
 * touched are shared), so memory grows with the data written, not with the device's size.
 *
 * <p>Limits: the medium is assumed to write single sectors atomically (as the kernel's on-disk
 * format assumes); a torn in-flight write is modelled by the {@code tornPrefix} of {@link #crashAt}.
 */
public final class DurableImage {
    private DurableImage() {
    }

    /**
     * The medium after a crash just before request {@code crashIndex} (requests 0..crashIndex-1
     * completed), with the first {@code tornPrefix} sectors of request {@code crashIndex} (a write)
     * also on the medium; 0 for none.
     */
    public static SparseImage crashAt(SparseImage initial, List<BlockOp> log, int crashIndex, int tornPrefix) {
        SparseImageEditor durable = new SparseImageEditor(initial);
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
        return durable.build();
    }

    private static void apply(SparseImageEditor medium, BlockOp w, int sectors) {
        medium.write(w.sector(), w.data(), 0, sectors);
    }
}
