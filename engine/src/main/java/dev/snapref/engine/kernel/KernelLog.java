package dev.snapref.engine.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel message buffer, restricted to device-mapper messages, in canonical form: without the
 * {@code device-mapper: } prefix and with mapped devices named by their dm name. Thread-safe.
 */
public final class KernelLog {
    private final List<String> lines = new ArrayList<>();

    /** Appends one message ({@code "<module prefix>: <text>"}). */
    public synchronized void log(String line) {
        lines.add(line);
    }

    /** Returns the messages logged since the previous drain, oldest first, and forgets them. */
    public synchronized List<String> drain() {
        List<String> out = List.copyOf(lines);
        lines.clear();
        return out;
    }
}
