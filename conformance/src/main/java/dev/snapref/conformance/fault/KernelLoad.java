package dev.snapref.conformance.fault;

import dev.snapref.engine.DeviceMapper;
import dev.snapref.conformance.targets.engine.InspectedDevice;
import dev.snapref.conformance.targets.engine.InspectedTable;
import dev.snapref.engine.store.DiskFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Linux 6.1 does when a persistent snapshot table ({@code P CHUNK}) is loaded on a cow image,
 * stated from dm-snap-persistent.c independently of the engine's store: read_header (header chunk
 * read with the table's chunk size; magic 0 = new store, header written and area 0 zeroed; other
 * magic: -ENXIO "Invalid or corrupt snapshot"; on-disk chunk size overrides the table's, must be a
 * power of two up to INT_MAX >> 9 else -EINVAL), the version check (-EINVAL), the valid flag
 * ("Snapshot is marked invalid."), then read_exceptions: areas 1 + (E+1)i until one has a
 * terminator (new chunk 0); an area past the end of the device is -EIO. Any error from
 * read_metadata is reported by the target as "Failed to read snapshot metadata".
 */
final class KernelLoad {
    private KernelLoad() {
    }

    /** The predicted outcome: rejected (errno, message words), invalid, or loaded (exceptions). */
    record Outcome(String kind, int errno, List<String> words, Map<Long, Long> exceptions) {
        static Outcome rejected(int errno, String... words) {
            List<String> w = new ArrayList<>(List.of(words));
            w.add("Failed to read snapshot metadata");
            return new Outcome("rejected", errno, w, Map.of());
        }

        boolean matches(Integer gotErrno, List<String> kmsg, DeviceMapper dm) {
            String all = String.join("\n", kmsg);
            if (kind.equals("rejected")) {
                return gotErrno != null && gotErrno == errno && words.stream().allMatch(all::contains);
            }
            if (gotErrno != null || !words.stream().allMatch(all::contains)) {
                return false;
            }
            Optional<InspectedTable> t = InspectedDevice.all(dm).stream().filter(d -> d.name().equals("snap")).findFirst()
                    .flatMap(InspectedDevice::live);
            if (t.isEmpty()) {
                return false;
            }
            return kind.equals("invalid") ? !t.get().valid() : t.get().valid() && t.get().exceptions().equals(exceptions);
        }

        @Override
        public String toString() {
            return kind.equals("rejected") ? "reject with errno " + errno + " and " + words
                    : kind.equals("invalid") ? "load it marked invalid" : "load " + exceptions.size() + " exceptions "
                    + exceptions + (words.isEmpty() ? "" : " saying " + words);
        }
    }

    static Outcome predict(byte[] image, long tableChunk) {
        long sectors = image.length / 512;
        if (sectors < tableChunk) {
            return Outcome.rejected(5);
        }
        int magic = DiskFormat.le32(image, 0);
        if (magic == 0) {
            return sectors < 2 * tableChunk ? Outcome.rejected(5, "zero_disk_area(0) failed")
                    : new Outcome("loaded", 0, List.of(), Map.of());
        }
        if (magic != DiskFormat.MAGIC) {
            return Outcome.rejected(6, "Invalid or corrupt snapshot");
        }
        List<String> words = new ArrayList<>();
        long chunk = DiskFormat.le32(image, 12) & 0xFFFF_FFFFL;
        if (chunk != tableChunk) {
            words.add("chunk size " + chunk + " in device metadata overrides table chunk size of " + tableChunk + ".");
            if (chunk == 0 || Long.bitCount(chunk) != 1 || chunk > (Integer.MAX_VALUE >> 9)) {
                List<String> w = new ArrayList<>(words);
                w.add("invalid on-disk chunk size " + chunk);
                return Outcome.rejected(22, w.toArray(String[]::new));
            }
        }
        if (DiskFormat.le32(image, 8) != DiskFormat.VERSION) {
            List<String> w = new ArrayList<>(words);
            w.add("unable to handle snapshot disk version " + DiskFormat.le32(image, 8));
            return Outcome.rejected(22, w.toArray(String[]::new));
        }
        if (DiskFormat.le32(image, 4) == 0) {
            words.add("Snapshot is marked invalid.");
            return new Outcome("invalid", 0, words, Map.of());
        }
        long e = DiskFormat.exceptionsPerArea(chunk);
        Map<Long, Long> ex = new LinkedHashMap<>();
        for (long i = 0; ; i++) {
            long loc = DiskFormat.areaLocation(e, i);
            if ((loc + 1) * chunk > sectors) {
                return Outcome.rejected(5, words.toArray(String[]::new));
            }
            long off = loc * chunk * 512;
            boolean full = true;
            for (long k = 0; k < e; k++) {
                long oldChunk = DiskFormat.le64(image, (int) (off + k * 16));
                long newChunk = DiskFormat.le64(image, (int) (off + k * 16 + 8));
                if (newChunk == 0) {
                    full = false;
                    break;
                }
                ex.put(oldChunk, newChunk);
            }
            if (!full) {
                return new Outcome("loaded", 0, words, ex);
            }
        }
    }
}
