/**
 * What every layer of the engine shares with the kernel's vocabulary: {@link
 * dev.snapref.engine.kernel.Errno} (the errno values the kernel returns), {@link
 * dev.snapref.engine.kernel.DmException} (the engine's one error type: an errno and, where the
 * kernel has one, its text), {@link dev.snapref.engine.kernel.KernelLog} (kmsg) and {@link
 * dev.snapref.engine.kernel.EngineBug} (the catalogue of bug switches the correctness gate plants) and {@link
 * dev.snapref.engine.kernel.Interleaving} (the schedule points a controlled run switches threads at).
 *
 * <p>Guarantees: a leaf package, it depends on no other engine package. Block devices report I/O
 * failure as {@link java.io.IOException}; everything above them reports {@code DmException}. The
 * log is thread-safe; messages keep the order in which they were logged.
 */
package dev.snapref.engine.kernel;
