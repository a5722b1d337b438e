package dev.snapref.engine.linear;

import dev.snapref.engine.dm.DmContext;
import dev.snapref.engine.dm.TargetType;

/** The module init of dm-linear.c (dm_linear_init): registers the {@code linear} target type. */
public final class LinearTargets {
    private LinearTargets() {
    }

    /** Registers {@code linear} into {@code ctx}; call once per context. */
    public static void register(DmContext ctx) {
        ctx.targetTypes().register(TargetType.of("linear",
                (table, begin, length, argv) -> LinearTarget.construct(table, begin, length, argv, ctx)));
    }
}
