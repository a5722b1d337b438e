/**
 * The kernel target: runs scripts on a real Linux kernel (Debian's 6.1 cloud build by default) in
 * a QEMU guest with a busybox initramfs and dmsetup, and turns the guest's console log into
 * canonical transcripts (device names, errnos and kernel messages canonicalised).
 *
 * <p>Guarantees: a kernel or tool that cannot be fetched or booted is {@link
 * dev.snapref.conformance.kernel.KernelTargetUnavailableException} (exit 2 with what to do),
 * never a conformance failure. Registered with {@link
 * dev.snapref.conformance.kernel.KernelTargetFactory}.
 */
package dev.snapref.conformance.kernel;
