/**
 * Exception stores (dm-exception-store.c, dm-snap-persistent.c, dm-snap-transient.c): the
 * abstract {@link dev.snapref.engine.store.ExceptionStore} (allocate a cow chunk, commit a
 * completed exception, usage, drop), the persistent store in the kernel's on-disk format ({@link
 * dev.snapref.engine.store.DiskFormat}: header in chunk 0, metadata areas of chunk/16 exceptions,
 * byte-identical with Linux 6.1's images) and the transient store.
 *
 * <p>Guarantees: {@code read_metadata} answers a corrupt image with the kernel's errno and
 * messages and allocates nothing it cannot justify; commits reach the cow in allocation order,
 * each area write FUA after the data it describes is flushed; the next area is zeroed before an
 * area fills. Thread-safety: none of its own: every call is made with the owning snapshot's lock
 * held. Depends on {@code block}, {@code kernel}, {@code inspect} (the store kind) only.
 */
package dev.snapref.engine.store;
