/**
 * Offline tools on persistent cow images ({@code snapref cow dump|check}): {@link
 * dev.snapref.engine.cow.CowHeader}, {@link dev.snapref.engine.cow.CowImageDump} (areas and
 * exceptions as the kernel's read_exceptions would see them) and {@link
 * dev.snapref.engine.cow.CowImageCheck} (the on-disk rules: magic, version, chunk size, a
 * terminated last area, new chunks in allocation order, none on a metadata chunk, no duplicates).
 *
 * <p>Guarantees: reads an image, never writes one; reads only the header and the metadata areas
 * through a {@link dev.snapref.engine.block.BlockDevice} (a read-only file, a sparse image), so an
 * image of any size costs time and memory in proportion to its exceptions; uses the store's {@link
 * dev.snapref.engine.store.DiskFormat} so the tools and the engine agree on the layout by
 * construction. Not used by the live engine.
 */
package dev.snapref.engine.cow;
