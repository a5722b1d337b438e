package dev.snapref.stress;

import dev.snapref.engine.DeviceMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Builds the engine for a test, with the bug switch named by the system property
 * {@value #PROPERTY} turned on when it is set ({@code run-stress.sh --bug NAME} passes
 * {@code -Dsnapref.bug=NAME} to every forked test VM). With a bug that breaks the engine's
 * locking the races report FORBIDDEN outcomes: that shows the tests can see the bug.
 *
 * <p>The engine is asked for a buggy instance through {@code public static DeviceMapper
 * withBug(String name)} on {@link DeviceMapper}, looked up reflectively so that this module
 * compiles against an engine that does not (yet) have bug switches. See
 * proofs-notes/stress-races.md for the switch the races need.
 */
final class EngineBugs {
    /** The system property naming the engine bug switch to turn on. */
    static final String PROPERTY = "snapref.bug";

    private static final String BUG = System.getProperty(PROPERTY, "").trim();
    private static final Method WITH_BUG = BUG.isEmpty() ? null : factory();

    private EngineBugs() {
    }

    private static Method factory() {
        try {
            return DeviceMapper.class.getMethod("withBug", String.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("-D" + PROPERTY + "=" + BUG
                    + ": the engine has no bug switches (DeviceMapper.withBug(String) is missing)", e);
        }
    }

    /** A fresh engine, with the bug of {@value #PROPERTY} on when it is set. */
    static DeviceMapper newDeviceMapper() {
        if (WITH_BUG == null) {
            return new DeviceMapper();
        }
        try {
            return (DeviceMapper) WITH_BUG.invoke(null, BUG);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("engine refused bug switch " + BUG + ": " + e.getCause(), e.getCause());
        }
    }
}
