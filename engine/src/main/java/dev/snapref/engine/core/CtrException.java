package dev.snapref.engine.core;

import dev.snapref.engine.Errno;

/** A target constructor failure: {@code ti->error} and the errno the ctr returns. */
public final class CtrException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Errno errno;

    public CtrException(String tiError, Errno errno) {
        super(tiError);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
