package dev.snapref.conformance.kernel;

/**
 * The kernel target cannot run on this machine: QEMU or another host tool is missing, or the
 * guest could not be built. The message says exactly what to install or what failed.
 *
 * <p>It is an {@link IllegalArgumentException} on purpose: the command line reports target
 * construction failures of that type as usage/environment errors and exits 2.
 */
public final class KernelTargetUnavailableException extends IllegalArgumentException {
    public KernelTargetUnavailableException(String message) {
        super(message);
    }
}
