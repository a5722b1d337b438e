package dev.snapref.engine.dm;

import dev.snapref.engine.kernel.DmException;

/**
 * A target type (struct target_type): its name as tables write it and its constructor. Registered
 * in {@link TargetTypes}; dm core calls {@link #construct} for every table line naming it, with
 * the control lock held.
 */
public interface TargetType {
    /** The name in table lines, e.g. {@code snapshot}. */
    String name();

    /**
     * The constructor (ctr): builds the target of {@code table} over {@code [begin, begin+length)}
     * from its arguments, or fails with the errno and {@code ti->error} text the kernel gives
     * ({@link DmException#detail()}), leaving nothing registered behind.
     */
    Target construct(Table table, long begin, long length, String[] argv) throws DmException;

    /** A constructor as a function, for {@link #of}. */
    @FunctionalInterface
    interface Constructor {
        Target construct(Table table, long begin, long length, String[] argv) throws DmException;
    }

    /** The target type {@code name} built by {@code ctr}. */
    static TargetType of(String name, Constructor ctr) {
        return new TargetType() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Target construct(Table table, long begin, long length, String[] argv) throws DmException {
                return ctr.construct(table, begin, length, argv);
            }
        };
    }
}
