package dev.snapref.stress;

import dev.snapref.engine.DeviceMapper;

/**
 * Builds the engine for a test, with the bug switch named by the system property
 * {@value #PROPERTY} turned on when it is set ({@code run-stress.sh --bug NAME} passes
 * {@code -Dsnapref.bug=NAME} to every forked test VM). With a bug that breaks the engine's locking
 * the races report FORBIDDEN outcomes: that shows the tests can see the bug.
 */
final class EngineBugs {
    /** The system property naming the engine bug switch to turn on. */
    static final String PROPERTY = "snapref.bug";

    private EngineBugs() {
    }

    /** A fresh engine, with the bug of {@value #PROPERTY} on when it is set. */
    static DeviceMapper newDeviceMapper() {
        String bug = System.getProperty(PROPERTY, "").trim();
        if (bug.isEmpty()) {
            return new DeviceMapper();
        }
        throw new IllegalStateException("the engine has no bug switch mechanism yet; cannot turn on " + bug);
    }
}
