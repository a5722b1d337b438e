/**
 * The kernel target: runs scripts on a real Linux kernel in a QEMU guest (TCG; KVM with
 * {@code SNAPREF_KERNEL_ACCEL=kvm}) with a busybox initramfs and dmsetup, and turns the guest's
 * console log into canonical transcripts (device names, errnos and kernel messages
 * canonicalised). The kernel is chosen with {@code --kernel} ({@link
 * dev.snapref.conformance.kernel.KernelSource}): a Debian kernel package, fetched with
 * {@code apt-get download} and never installed ({@link dev.snapref.conformance.kernel.KernelFetch}),
 * or a local build folder; the default is Linux 6.1, the reference. Guests are cached per kernel
 * ({@link dev.snapref.conformance.kernel.KernelCache}).
 *
 * <p>Guarantees: a kernel or tool that cannot be fetched or booted is {@link
 * dev.snapref.conformance.kernel.KernelTargetUnavailableException} (exit 2 with what to do),
 * never a conformance failure. Many scripts share one boot and guests run in parallel; the
 * guest's per-command work is shell builtins but for the command itself and one {@code dmesg}
 * (TCG makes each fork costly). Registered with {@link
 * dev.snapref.conformance.kernel.KernelTargetFactory}.
 */
package dev.snapref.conformance.kernel;
