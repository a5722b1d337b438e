package dev.snapref.engine;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.kernel.Errno;
import dev.snapref.engine.kernel.DmException;

import dev.snapref.engine.block.BlockDevices;
import dev.snapref.engine.block.MemoryBlockDevice;
import dev.snapref.engine.cow.CowImageCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Suspend drains in-flight I/O, I/O blocks while suspended, and the snapshot invariant survives races. */
class ConcurrencyTest {

    /** A disk whose writes wait on a gate while {@code hold} is set. */
    static final class GatedDisk implements BlockDevice {
        final MemoryBlockDevice inner;
        volatile CountDownLatch hold;
        final CountDownLatch entered = new CountDownLatch(1);

        GatedDisk(long sectors) {
            inner = new MemoryBlockDevice(sectors);
        }

        @Override
        public long sectors() {
            return inner.sectors();
        }

        @Override
        public void read(long sector, byte[] dst, int off, int count) throws IOException {
            inner.read(sector, dst, off, count);
        }

        @Override
        public void write(long sector, byte[] src, int off, int count, boolean fua) throws IOException {
            CountDownLatch h = hold;
            if (h != null) {
                entered.countDown();
                try {
                    h.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            inner.write(sector, src, off, count, fua);
        }

        @Override
        public void flush() {
        }
    }

    @Test
    @Timeout(20)
    void suspendDrainsInFlightIoAndNewIoWaitsForResume() throws Exception {
        DeviceMapper dm = new DeviceMapper();
        GatedDisk disk = new GatedDisk(1024);
        dm.addDisk("origin", disk);
        dm.create("o", "0 1024 snapshot-origin /dev/disk/origin");
        disk.hold = new CountDownLatch(1);
        ExecutorService ex = Executors.newFixedThreadPool(3);
        try {
            Future<?> inFlight = ex.submit(() -> {
                dm.write("/dev/mapper/o", 0, Patterns.fill("A", 0, 8));
                return null;
            });
            assertTrue(disk.entered.await(5, TimeUnit.SECONDS));
            Future<?> suspend = ex.submit(() -> {
                dm.suspend("o");
                return null;
            });
            Thread.sleep(200);
            assertFalse(suspend.isDone(), "suspend returned with I/O in flight");
            CountDownLatch h = disk.hold;
            disk.hold = null;
            h.countDown();
            inFlight.get(5, TimeUnit.SECONDS);
            suspend.get(5, TimeUnit.SECONDS);
            assertTrue(dm.info("o").suspended());
            assertTrue(dm.isSuspended("/dev/mapper/o"));

            Future<?> blocked = ex.submit(() -> {
                dm.write("/dev/mapper/o", 8, Patterns.fill("B", 8, 8));
                return null;
            });
            Thread.sleep(200);
            assertFalse(blocked.isDone(), "I/O went through a suspended device");
            assertEquals(Errno.EBUSY, org.junit.jupiter.api.Assertions.assertThrows(DmException.class,
                    () -> dm.remove("o")).errno(), "a device with waiting I/O is open");
            dm.resume("o");
            blocked.get(5, TimeUnit.SECONDS);
            assertEquals("B@8", Patterns.at(dm.read("/dev/mapper/o", 8, 1), 0));
            assertEquals("A@7", Patterns.at(dm.read("/dev/mapper/o", 7, 1), 0));
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    @Timeout(60)
    void snapshotsKeepTheOriginalDataUnderConcurrentIoAndHandovers() throws Exception {
        final int size = 2048;
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", size);
        dm.addDisk("cow", 4096);
        dm.addDisk("cow2", 4096);
        dm.create("o", "0 " + size + " snapshot-origin /dev/disk/origin");
        dm.write("/dev/mapper/o", 0, Patterns.fill("PRE", 0, size));
        dm.suspend("o");
        dm.create("s", "0 " + size + " snapshot /dev/disk/origin /dev/disk/cow P 8");
        dm.create("t", "0 " + size + " snapshot /dev/disk/origin /dev/disk/cow2 N 16");
        dm.resume("o");

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int seed = w;
            threads.add(new Thread(() -> {
                Random r = new Random(seed);
                try {
                    while (!stop.get()) {
                        int n = 1 + r.nextInt(24);
                        int s = r.nextInt(size - n);
                        dm.write("/dev/mapper/o", s, Patterns.fill("W" + seed, s, n));
                        writes.incrementAndGet();
                    }
                } catch (Throwable t) {
                    errors.add(t);
                }
            }));
        }
        for (String snap : List.of("s", "t")) {
            threads.add(new Thread(() -> {
                Random r = new Random(snap.hashCode());
                try {
                    while (!stop.get()) {
                        int n = 1 + r.nextInt(32);
                        int s = r.nextInt(size - n);
                        byte[] d = dm.read("/dev/mapper/" + snap, s, n);
                        for (int i = 0; i < n; i++) {
                            String got = Patterns.at(d, i);
                            if (!got.equals("PRE@" + (s + i))) {
                                throw new AssertionError(snap + " sector " + (s + i) + " reads " + got);
                            }
                        }
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    errors.add(t);
                }
            }));
        }
        threads.forEach(Thread::start);
        try {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            int cycle = 0;
            while (System.nanoTime() < end && errors.isEmpty()) {
                // live handover on the same device (what lvchange does), and origin suspend/resume
                dm.load("s", "0 " + size + " snapshot /dev/disk/origin /dev/disk/cow P 8");
                dm.resume("s");
                if (cycle++ % 2 == 0) {
                    dm.suspend("o");
                    dm.resume("o");
                }
                Thread.sleep(5);
            }
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
        assertTrue(errors.isEmpty(), () -> errors.get(0).toString());
        assertTrue(writes.get() > 0 && reads.get() > 0);
        assertEquals(List.of(), dm.log().drain(), "no invalidation or handover error");
        byte[] s = dm.read("/dev/mapper/s", 0, size);
        byte[] t = dm.read("/dev/mapper/t", 0, size);
        for (int i = 0; i < size; i++) {
            assertEquals("PRE@" + i, Patterns.at(s, i));
            assertEquals("PRE@" + i, Patterns.at(t, i));
        }
        byte[] cowImage = BlockDevices.image(dm.disk("cow"));
        assertTrue(CowImageCheck.check(cowImage).ok(), CowImageCheck.check(cowImage).problems().toString());

        // the persistent cow alone (with the final origin) still gives the original data
        DeviceMapper again = new DeviceMapper();
        again.addDisk("origin", BlockDevices.fromImage(BlockDevices.image(dm.disk("origin"))));
        again.addDisk("cow", BlockDevices.fromImage(cowImage));
        again.create("s", "0 " + size + " snapshot /dev/disk/origin /dev/disk/cow P 8");
        byte[] r = again.read("/dev/mapper/s", 0, size);
        for (int i = 0; i < size; i++) {
            assertEquals("PRE@" + i, Patterns.at(r, i));
        }
    }

    @Test
    @Timeout(30)
    void concurrentSnapshotWritesToOneChunkMakeOneException() throws Exception {
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", 1024);
        dm.addDisk("cow", 1024);
        dm.create("o", "0 1024 snapshot-origin /dev/disk/origin");
        dm.write("/dev/mapper/o", 0, Patterns.fill("PRE", 0, 1024));
        dm.create("s", "0 1024 snapshot /dev/disk/origin /dev/disk/cow P 8");
        ExecutorService ex = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int sector = i;
                fs.add(ex.submit(() -> {
                    dm.write("/dev/mapper/s", sector, Patterns.fill("S" + sector, sector, 1));
                    dm.write("/dev/mapper/o", sector, Patterns.fill("O", sector, 1));
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            ex.shutdownNow();
        }
        assertEquals("0 1024 snapshot 24/1024 16", dm.status("s", false).orElseThrow());
        byte[] d = dm.read("/dev/mapper/s", 0, 8);
        for (int i = 0; i < 8; i++) {
            assertEquals("S" + i + "@" + i, Patterns.at(d, i));
        }
    }

    @Test
    @Timeout(60)
    void handoverBetweenDevicesWhileTheOriginIsWritten() throws Exception {
        // the b735fede8d95 race: origin writes during "suspend src; resume dest" must not leave
        // exceptions pending in the source; the destination must keep the original data
        final int size = 1024;
        DeviceMapper dm = new DeviceMapper();
        dm.addDisk("origin", size);
        dm.addDisk("cow", 4096);
        dm.create("o", "0 " + size + " snapshot-origin /dev/disk/origin");
        dm.write("/dev/mapper/o", 0, Patterns.fill("PRE", 0, size));
        dm.suspend("o");
        dm.create("a", "0 " + size + " snapshot /dev/disk/origin /dev/disk/cow P 8");
        dm.resume("o");
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int seed = w;
            writers.add(new Thread(() -> {
                Random r = new Random(100 + seed);
                try {
                    while (!stop.get()) {
                        int n = 1 + r.nextInt(16);
                        int s = r.nextInt(size - n);
                        dm.write("/dev/mapper/o", s, Patterns.fill("W", s, n));
                    }
                } catch (Throwable t) {
                    errors.add(t);
                }
            }));
        }
        writers.forEach(Thread::start);
        String src = "a";
        try {
            for (int i = 0; i < 40 && errors.isEmpty(); i++) {
                String dest = src.equals("a") ? "b" : "a";
                dm.createNoTable(dest);
                dm.load(dest, "0 " + size + " snapshot /dev/disk/origin /dev/disk/cow P 8");
                dm.suspend(src);
                dm.resume(dest);
                assertEquals("0 " + size + " snapshot Invalid", dm.status(src, false).orElseThrow());
                dm.remove(src);
                src = dest;
            }
        } finally {
            stop.set(true);
            for (Thread t : writers) {
                t.join(10_000);
            }
        }
        assertTrue(errors.isEmpty(), () -> errors.get(0).toString());
        assertEquals(List.of(), dm.log().drain());
        byte[] d = dm.read("/dev/mapper/" + src, 0, size);
        for (int i = 0; i < size; i++) {
            assertEquals("PRE@" + i, Patterns.at(d, i));
        }
        assertTrue(CowImageCheck.check(BlockDevices.image(dm.disk("cow"))).ok());
    }
}
