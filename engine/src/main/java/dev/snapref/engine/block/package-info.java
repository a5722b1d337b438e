/**
 * Block devices: the {@link dev.snapref.engine.block.BlockDevice} contract (512-byte sectors,
 * reads, writes with FUA, flush), sparse in-memory and file-backed devices, and the fault
 * machinery the gate uses: {@link dev.snapref.engine.block.FaultyBlockDevice} (a logging wrapper
 * that applies a {@link dev.snapref.engine.block.FaultAtlas} of EIO and torn-write rules) and
 * {@link dev.snapref.engine.block.DurableImage} (the medium after a crash: only FUA writes and
 * writes followed by a completed flush survive).
 *
 * <p>Guarantees: devices are thread-safe; a single sector is written atomically; I/O past the end
 * fails. Locks: a device's internal page monitors are the last lock of the engine's lock order
 * (see {@link dev.snapref.engine}); no device calls out while holding them. Depends only on
 * {@code kernel}.
 */
package dev.snapref.engine.block;
