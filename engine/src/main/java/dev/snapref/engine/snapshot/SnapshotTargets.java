package dev.snapref.engine.snapshot;

import dev.snapref.engine.dm.DmContext;
import dev.snapref.engine.dm.TargetType;

/**
 * The module init of dm-snap.c (dm_snapshot_init): registers the {@code snapshot-origin},
 * {@code snapshot} and {@code snapshot-merge} target types into a dm context, sharing one
 * {@link Origins} registry between them, as the kernel's module-global {@code _origins} table is
 * shared.
 */
public final class SnapshotTargets {
    private SnapshotTargets() {
    }

    /** Registers the three target types into {@code ctx}; call once per context. */
    public static void register(DmContext ctx) {
        Origins origins = new Origins();
        ctx.targetTypes().register(TargetType.of("snapshot-origin",
                (table, begin, length, argv) -> SnapshotOriginTarget.construct(table, begin, length, argv, ctx, origins)));
        ctx.targetTypes().register(TargetType.of("snapshot",
                (table, begin, length, argv) -> SnapshotTarget.construct(table, begin, length, argv, ctx, origins,
                        false)));
        ctx.targetTypes().register(TargetType.of("snapshot-merge",
                (table, begin, length, argv) -> SnapshotTarget.construct(table, begin, length, argv, ctx, origins,
                        true)));
    }
}
