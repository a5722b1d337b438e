package dev.snapref.engine.kernel;

import java.util.Optional;

/**
 * The engine's one error type: a failed device-mapper operation, table constructor, hook or I/O
 * request, carrying the errno the kernel returns and, where the kernel has one, its text (a
 * constructor's {@code ti->error}, the path that named no device). Block devices report I/O
 * failures as {@link java.io.IOException} (the block layer's BLK_STS_IOERR); dm turns those into
 * this type with {@link Errno#EIO} where they reach a caller.
 */
public final class DmException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Errno errno;
    private final String detail;

    public DmException(Errno errno) {
        this(errno, null);
    }

    public DmException(Errno errno, String detail) {
        super(detail == null ? errno.name() : errno.name() + ": " + detail);
        this.errno = errno;
        this.detail = detail;
    }

    /** The errno the kernel returns for this failure. */
    public Errno errno() {
        return errno;
    }

    /** The kernel's text for it (e.g. {@code ti->error}), if any. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }
}
