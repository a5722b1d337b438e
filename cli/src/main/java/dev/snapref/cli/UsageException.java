package dev.snapref.cli;

/** A usage or input error: printed as {@code snapref: MESSAGE} and exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
