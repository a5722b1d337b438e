package dev.snapref.bench;

/** The heap a benchmark's structures hold, measured from outside them. */
final class HeapUse {
    private HeapUse() {
    }

    /**
     * Heap in use after four collections 20 ms apart (what is still reachable, give or take what the
     * collector kept); an approximation for memory figures, never an exact size.
     */
    static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
