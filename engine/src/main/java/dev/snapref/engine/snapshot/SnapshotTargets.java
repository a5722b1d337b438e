package dev.snapref.engine.snapshot;

import dev.snapref.engine.dm.DmContext;
import dev.snapref.engine.dm.Table;
import dev.snapref.engine.dm.Target;
import dev.snapref.engine.dm.TargetType;
import dev.snapref.engine.kernel.DmException;

/**
 * The module init of dm-snap.c (dm_snapshot_init): registers the {@code snapshot-origin} and
 * {@code snapshot} target types into a dm context, sharing one {@link Origins} registry between
 * them, as the kernel's module-global {@code _origins} table is shared.
 */
public final class SnapshotTargets {
    private SnapshotTargets() {
    }

    /** Registers both target types into {@code ctx}; call once per context. */
    public static void register(DmContext ctx) {
        Origins origins = new Origins();
        ctx.targetTypes().register(new TargetType() {
            @Override
            public String name() {
                return "snapshot-origin";
            }

            @Override
            public Target construct(Table table, long begin, long length, String[] argv) throws DmException {
                return SnapshotOriginTarget.construct(table, begin, length, argv, ctx, origins);
            }
        });
        ctx.targetTypes().register(new TargetType() {
            @Override
            public String name() {
                return "snapshot";
            }

            @Override
            public Target construct(Table table, long begin, long length, String[] argv) throws DmException {
                return SnapshotTarget.construct(table, begin, length, argv, ctx, origins);
            }
        });
    }
}
