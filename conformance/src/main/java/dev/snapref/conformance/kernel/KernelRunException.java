package dev.snapref.conformance.kernel;

/**
 * A kernel run went wrong in a way that is not the kernel's answer to a script: QEMU died,
 * the guest did not boot, or its output could not be understood. The message names the
 * script and command when known, and the guest's console tail.
 */
public final class KernelRunException extends RuntimeException {
    public KernelRunException(String message) {
        super(message);
    }

    public KernelRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
