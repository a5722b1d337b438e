package dev.snapref.engine.block;

/**
 * A shared page in the hash map of a large {@link PageDirectory}: a 4 KiB page of a {@link
 * MemoryBlockDevice} that more than one slot may hold (a whole page a {@code copyTo} moved from one
 * device to another, as a copy-on-write file system shares an extent): its bytes are never changed
 * again; a write to a slot holding it puts a new page there. (A flat directory marks shared pages
 * in its leaves instead.)
 *
 * @param bytes the page, {@code PAGE_BYTES} long; nobody writes to it
 */
record SharedPage(byte[] bytes) {
}
