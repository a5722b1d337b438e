package dev.snapref.engine;

/** A failed device-mapper operation or I/O, carrying the errno the kernel returns. */
public final class DmException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Errno errno;

    public DmException(Errno errno) {
        super(errno.name());
        this.errno = errno;
    }

    public DmException(Errno errno, String message) {
        super(errno.name() + ": " + message);
        this.errno = errno;
    }

    /** The errno the kernel returns for this failure. */
    public Errno errno() {
        return errno;
    }
}
