package dev.snapref.engine.block;

import dev.snapref.engine.block.BlockDevice;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-memory device against a flat byte array under random reads, writes and copies (every
 * alignment, page and leaf boundaries, partial last page, both leaf directories), plus sparseness,
 * range checks and a copy race in opposite directions; pages shared by a copy are copied on
 * write; a rewrite ends as a whole write whatever its hint.
 */
class MemoryBlockDeviceTest {
    private static final int S = BlockDevice.SECTOR_SIZE;

    @Test
    void randomIoMatchesAFlatArray() throws IOException {
        // a partial last page, and more than one leaf
        long sectors = (long) MemoryBlockDevice.LEAF_PAGES * MemoryBlockDevice.PAGE_SECTORS + 13;
        checkAgainstReference(new MemoryBlockDevice(sectors), new MemoryBlockDevice(sectors), sectors, 11);
    }

    @Test
    void hashedLeavesBehaveTheSame() throws IOException {
        long sectors = (long) MemoryBlockDevice.MAX_FLAT_LEAVES * MemoryBlockDevice.LEAF_PAGES
                * MemoryBlockDevice.PAGE_SECTORS * 2;
        MemoryBlockDevice a = new MemoryBlockDevice(sectors);
        byte[] data = filled(3 * S, 9);
        long far = sectors - 3;
        a.write(far, data, 0, 3, false);
        byte[] back = new byte[3 * S];
        a.read(far, back, 0, 3);
        assertArrayEquals(data, back);
        assertEquals(List.of(far - far % MemoryBlockDevice.PAGE_SECTORS, sectors), flatten(a.allocatedRanges()));
    }

    private static void checkAgainstReference(MemoryBlockDevice a, MemoryBlockDevice b, long sectors, long seed)
            throws IOException {
        Random r = new Random(seed);
        byte[] refA = new byte[(int) sectors * S];
        byte[] refB = new byte[(int) sectors * S];
        for (int i = 0; i < 3_000; i++) {
            int count = 1 + r.nextInt(40);
            long at = r.nextInt((int) sectors - count + 1);
            long to = r.nextInt((int) sectors - count + 1);
            switch (r.nextInt(5)) {
                case 0, 1 -> {
                    byte[] data = filled(count * S, r.nextInt());
                    a.write(at, data, 0, count, r.nextBoolean());
                    System.arraycopy(data, 0, refA, (int) at * S, count * S);
                }
                case 2 -> {
                    byte[] got = new byte[count * S + 7];
                    a.read(at, got, 7, count);
                    assertArrayEquals(java.util.Arrays.copyOfRange(refA, (int) at * S, (int) (at + count) * S),
                            java.util.Arrays.copyOfRange(got, 7, got.length), "read at " + at + " step " + i);
                }
                case 3 -> {
                    a.copyTo(at, b, to, count);
                    System.arraycopy(refA, (int) at * S, refB, (int) to * S, count * S);
                }
                default -> {
                    a.copyTo(at, a, to, count);
                    System.arraycopy(refA, (int) at * S, refA, (int) to * S, count * S);
                }
            }
        }
        byte[] allA = new byte[(int) sectors * S];
        byte[] allB = new byte[(int) sectors * S];
        a.read(0, allA, 0, (int) sectors);
        b.read(0, allB, 0, (int) sectors);
        assertArrayEquals(refA, allA);
        assertArrayEquals(refB, allB);
        assertZeroOutside(b, refB, sectors);
    }

    /** Every sector outside allocatedRanges is zero in the reference. */
    private static void assertZeroOutside(MemoryBlockDevice d, byte[] ref, long sectors) {
        boolean[] covered = new boolean[(int) sectors];
        for (long[] range : d.allocatedRanges()) {
            for (long s = range[0]; s < range[1]; s++) {
                covered[(int) s] = true;
            }
        }
        for (int s = 0; s < sectors; s++) {
            if (!covered[s]) {
                for (int i = 0; i < S; i++) {
                    assertEquals(0, ref[s * S + i], "non-zero data outside the allocated ranges at sector " + s);
                }
            }
        }
    }

    @Test
    void sparseUntilWrittenAndAWholePageWriteAllocatesOnePage() throws IOException {
        MemoryBlockDevice d = new MemoryBlockDevice(1 << 20);
        assertEquals(0, d.allocatedPages());
        byte[] zeros = new byte[16 * S];
        d.read(100, zeros, 0, 16);
        assertEquals(0, d.allocatedPages());
        d.write(MemoryBlockDevice.PAGE_SECTORS * 5L, filled(MemoryBlockDevice.PAGE_SECTORS * S, 1), 0,
                MemoryBlockDevice.PAGE_SECTORS, false);
        assertEquals(1, d.allocatedPages());
        d.copyTo(0, d, MemoryBlockDevice.PAGE_SECTORS * 9L, MemoryBlockDevice.PAGE_SECTORS);
        assertEquals(1, d.allocatedPages(), "a copy of a hole onto a hole allocates nothing");
        d.copyTo(MemoryBlockDevice.PAGE_SECTORS * 5L + 2, d, MemoryBlockDevice.PAGE_SECTORS * 12L + 2, 3);
        assertEquals(2, d.allocatedPages(), "a partial copy of data onto a hole allocates one page");
    }

    @Test
    void aCopiedPageIsSharedAndAWriteToEitherSideLeavesTheOtherAlone() throws IOException {
        int p = MemoryBlockDevice.PAGE_SECTORS;
        MemoryBlockDevice origin = new MemoryBlockDevice(64);
        MemoryBlockDevice cow = new MemoryBlockDevice(64);
        byte[] pre = filled(2 * p * S, 7);
        origin.write(0, pre, 0, 2 * p, false);
        origin.copyTo(0, cow, 3L * p, 2 * p); // two whole pages: shared, no byte copied
        origin.write(0, filled(p * S, 8), 0, p, false); // a whole page over a shared one
        origin.write(p + 3, filled(S, 9), 0, 1, false); // one sector into a shared one
        cow.write(4L * p + 1, filled(S, 10), 0, 1, false); // and the other way round
        byte[] got = new byte[2 * p * S];
        cow.read(3L * p, got, 0, 2 * p);
        byte[] want = pre.clone();
        System.arraycopy(filled(S, 10), 0, want, (p + 1) * S, S);
        assertArrayEquals(want, got, "the cow keeps the pre-image and only its own write");
        origin.read(0, got, 0, 2 * p);
        want = pre.clone();
        System.arraycopy(filled(p * S, 8), 0, want, 0, p * S);
        System.arraycopy(filled(S, 9), 0, want, (p + 3) * S, S);
        assertArrayEquals(want, got, "the origin has its writes and not the cow's");
    }

    @Test
    void aRewriteWritesTheHintedSectorsAndAnyOtherThatDiffers() throws IOException {
        int p = MemoryBlockDevice.PAGE_SECTORS;
        MemoryBlockDevice d = new MemoryBlockDevice(64);
        byte[] area = filled(p * S, 11);
        d.write(8, area, 0, p, false);
        byte[] next = area.clone();
        next[2 * S + 5] ^= 1; // the hinted sector changes
        next[6 * S] ^= 1; // and one the hint does not name (someone wrote there behind the caller)
        d.rewrite(8, next, 0, p, true, 2, 1);
        byte[] got = new byte[p * S];
        d.read(8, got, 0, p);
        assertArrayEquals(next, got, "the result is that of a whole write");
        d.rewrite(40, next, 0, p, true, 0, 0); // a page never written: every sector differs
        d.read(40, got, 0, p);
        assertArrayEquals(next, got);
    }

    /**
     * A rewrite repeated from the same buffer writes the hinted sectors alone only while nothing
     * else wrote to the range: a write, a copy onto it or a rewrite from another buffer in between
     * makes the next one compare again, so the result is always that of a whole write.
     */
    @Test
    void aRepeatedRewriteTrustsItsHintOnlyWhileNothingElseWroteTheRange() throws IOException {
        int p = MemoryBlockDevice.PAGE_SECTORS;
        MemoryBlockDevice d = new MemoryBlockDevice(64);
        byte[] area = filled(p * S, 11);
        byte[] got = new byte[p * S];
        d.rewrite(16, area, 0, p, true, 0, p);
        area[S + 3] ^= 1;
        d.rewrite(16, area, 0, p, true, 1, 1); // remembered: the hinted sector alone
        d.read(16, got, 0, p);
        assertArrayEquals(area, got);
        d.write(16 + 5, filled(S, 3), 0, 1, false); // someone writes behind the caller
        area[2 * S] ^= 1;
        d.rewrite(16, area, 0, p, true, 2, 1);
        d.read(16, got, 0, p);
        assertArrayEquals(area, got, "a write in between: compared again");
        MemoryBlockDevice other = new MemoryBlockDevice(64);
        other.write(0, filled(p * S, 4), 0, p, false);
        other.copyTo(0, d, 16, p); // a copy onto the range
        area[3 * S] ^= 1;
        d.rewrite(16, area, 0, p, true, 3, 1);
        d.read(16, got, 0, p);
        assertArrayEquals(area, got, "a copy in between: compared again");
        byte[] another = filled(p * S, 6);
        d.rewrite(16, another, 0, p, true, 0, p);
        area[4 * S] ^= 1;
        d.rewrite(16, area, 0, p, true, 4, 1);
        d.read(16, got, 0, p);
        assertArrayEquals(area, got, "a rewrite from another buffer in between: compared again");
    }

    @Test
    void overlappingCopyOnOneDeviceBehavesLikeMemmove() throws IOException {
        MemoryBlockDevice d = new MemoryBlockDevice(1024);
        byte[] ref = filled(1024 * S, 5);
        d.write(0, ref, 0, 1024, false);
        d.copyTo(0, d, 16, 300); // forward overlap, page aligned
        System.arraycopy(ref, 0, ref, 16 * S, 300 * S);
        d.copyTo(400, d, 392, 200); // backward overlap
        System.arraycopy(ref, 400 * S, ref, 392 * S, 200 * S);
        byte[] all = new byte[1024 * S];
        d.read(0, all, 0, 1024);
        assertArrayEquals(ref, all);
    }

    @Test
    void outOfRangeRequestsFail() {
        MemoryBlockDevice d = new MemoryBlockDevice(64);
        byte[] buf = new byte[2 * S];
        assertThrows(IOException.class, () -> d.read(63, buf, 0, 2));
        assertThrows(IOException.class, () -> d.write(-1, buf, 0, 1, false));
        assertThrows(IOException.class, () -> d.copyTo(0, new MemoryBlockDevice(8), 7, 2));
        assertThrows(IOException.class, () -> d.copyTo(63, d, 0, 2));
    }

    @Test
    void copiesInOppositeDirectionsDoNotDeadlock() throws Exception {
        MemoryBlockDevice a = new MemoryBlockDevice(4096);
        MemoryBlockDevice b = new MemoryBlockDevice(4096);
        a.write(0, filled(4096 * S, 1), 0, 4096, false);
        b.write(0, filled(4096 * S, 2), 0, 4096, false);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            MemoryBlockDevice from = t % 2 == 0 ? a : b;
            MemoryBlockDevice to = t % 2 == 0 ? b : a;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 2_000; i++) {
                        from.copyTo((i * 8L) % 4000, to, (i * 24L) % 4000, 64);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) {
            th.join(30_000);
            assertTrue(!th.isAlive(), "copy threads deadlocked");
        }
        assertNull(failure.get());
    }

    private static byte[] filled(int bytes, int seed) {
        byte[] b = new byte[bytes];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static List<Long> flatten(List<long[]> ranges) {
        List<Long> out = new ArrayList<>();
        for (long[] r : ranges) {
            out.add(r[0]);
            out.add(r[1]);
        }
        return out;
    }
}
