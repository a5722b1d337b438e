/**
 * Block devices: the {@link dev.snapref.engine.block.BlockDevice} contract (512-byte sectors,
 * reads, writes with FUA, flush), sparse in-memory and file-backed devices, and the fault
 * machinery the gate uses: {@link dev.snapref.engine.block.FaultyBlockDevice} (a logging wrapper
 * that applies a {@link dev.snapref.engine.block.FaultAtlas} of EIO and torn-write rules) and
 * {@link dev.snapref.engine.block.DurableImage} (the medium after a crash: only FUA writes and
 * writes followed by a completed flush survive).
 *
 * <p><b>Sparse end to end.</b> Devices are addressed by {@code long} sectors up to 2^54 (2^63
 * bytes); the in-memory device allocates 4 KiB pages on first write. Whole images move as {@link
 * dev.snapref.engine.block.SparseImage} (immutable: size plus data pages; written as sparse files,
 * read back, compared by content) and are edited by {@link dev.snapref.engine.block.SparseImageEditor}
 * (crash images share untouched pages with their base), so every harness path costs time and memory
 * in proportion to the data written, not to the device's size. {@code BlockDevices.image} (a
 * {@code byte[]}) remains for small devices in tests.
 *
 * <p>Guarantees: devices are thread-safe; a single sector is written atomically; I/O past the end
 * fails. Locks: a device's internal page monitors are the last lock of the engine's lock order
 * (see {@link dev.snapref.engine}); no device calls out while holding them. Depends only on
 * {@code kernel}.
 */
package dev.snapref.engine.block;
