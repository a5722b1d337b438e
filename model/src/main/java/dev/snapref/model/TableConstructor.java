package dev.snapref.model;

import dev.snapref.scenario.Errno;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * Table loading as dm core and the constructors do it: the table line checks of
 * dm_table_add_target, then origin_ctr or snapshot_ctr with the kernel's error strings and
 * errnos. A successfully constructed snapshot is registered under {@code (device, NEW)}.
 */
final class TableConstructor {
    /** The target types the model covers. */
    private static final Set<String> MODELLED = Set.of("snapshot-origin", "snapshot", "snapshot-merge", "linear");
    /** Target types Linux 6.1 knows but the model does not cover: the model refuses them. */
    private static final Set<String> UNMODELLED = Set.of("striped", "zero", "error", "mirror", "crypt", "delay", "flakey", "multipath", "raid", "thin", "thin-pool", "cache", "era",
            "verity", "integrity", "writecache", "clone", "dust", "ebs", "log-writes", "switch", "unstriped");


    /** Memo of {@link #split} (a pure function; never mutated arrays), bounded. */
    private static final Map<String, String[]> WORDS = new ConcurrentHashMap<>();
    private static final int WORDS_CACHED = 1024;
    /** Memo of a /dev/disk/ path's disk name, bounded like {@link #WORDS}. */
    private static final Map<String, String> DISK_NAMES = new ConcurrentHashMap<>();

    private TableConstructor() {
    }

    /** A constructed table, or the errno of the failure (kernel messages already logged). */
    record Built(Table table, Errno error) {
        static Built failed(Errno e) {
            return new Built(null, e);
        }
    }

    /** Loads {@code text} for {@code device}; on success the table is in slot NEW. */
    static Built build(World w, String device, String text) {
        String[] words = words(text.trim());
        OptionalLong startWord = words.length < 3 ? OptionalLong.empty() : TableLineNumbers.sectors(words[0]);
        OptionalLong lengthWord = words.length < 3 ? OptionalLong.empty() : TableLineNumbers.sectors(words[1]);
        if (startWord.isEmpty() || lengthWord.isEmpty()) {
            return Built.failed(Errno.EINVAL);
        }
        long start = startWord.getAsLong();
        long length = lengthWord.getAsLong();
        String type = words[2];
        List<String> params = Arrays.asList(words).subList(3, words.length);
        if (length == 0) {
            return tableFailure(w, "table: " + device + ": zero-length target");
        }
        if (TableLineNumbers.tooLarge(start, length)) {
            return tableFailure(w, "table: " + device + ": too large device");
        }
        if (UNMODELLED.contains(type)) {
            throw new ModelLimitation("target type '" + type + "' is not covered by the model");
        }
        if (!MODELLED.contains(type)) {
            return tableFailure(w, "table: " + device + ": " + type + ": unknown target type");
        }
        if (start != 0) {
            return ctrFailure(w, device, type, "Gap in table", Errno.EINVAL);
        }
        return switch (type) {
            case "snapshot", "snapshot-merge" -> snapshot(w, device, length, params, type);
            case "linear" -> linear(w, device, length, params);
            default -> origin(w, device, length, params);
        };
    }

    /** linear_ctr: {@code <dev> <offset>}. */
    private static Built linear(World w, String device, long length, List<String> params) {
        if (params.size() != 2) {
            return ctrFailure(w, device, "linear", "Invalid argument count", Errno.EINVAL);
        }
        String offset = params.get(1);
        if (!digits(offset, 0, 18)) {
            if (digits(offset, 0, Integer.MAX_VALUE)) {
                throw new ModelLimitation("linear offset " + offset + " past 2^63 sectors");
            }
            return ctrFailure(w, device, "linear", "Invalid device sector", Errno.EINVAL);
        }
        Resolved dev = resolve(w, device, params.get(0));
        if (dev.error() != null) {
            return ctrFailure(w, device, "linear", "Device lookup failed", dev.error());
        }
        Built b = new Built(new Table(length, new LinearTarget(dev.key(), Long.parseLong(offset))), null);
        w.newTables().put(device, b.table());
        return b;
    }

    private static Built origin(World w, String device, long length, List<String> params) {
        if (params.size() != 1) {
            return ctrFailure(w, device, "snapshot-origin", "origin: incorrect number of arguments", Errno.EINVAL);
        }
        Resolved disk = resolve(w, device, params.get(0));
        if (disk.error() != null) {
            return ctrFailure(w, device, "snapshot-origin", "Cannot get target device", disk.error());
        }
        Built b = new Built(new Table(length, new OriginTarget(disk.key(), 0)), null);
        w.newTables().put(device, b.table());
        return b;
    }

    private static Built snapshot(World w, String device, long length, List<String> params, String type) {
        if (params.size() < 4) {
            return ctrFailure(w, device, type, "requires 4 or more arguments", Errno.EINVAL);
        }
        int features = features(params.subList(4, params.size()));
        if (features < 0) {
            String error = features == -1 ? "Invalid number of feature arguments"
                    : features == -2 ? "Unrecognised feature requested"
                    : "discard_passdown_origin feature depends on discard_zeroes_cow";
            return ctrFailure(w, device, type, error, Errno.EINVAL);
        }
        Resolved origin = resolve(w, device, params.get(0));
        if (origin.error() != null) {
            return ctrFailure(w, device, type, "Cannot get origin device", origin.error());
        }
        Resolved cow = resolve(w, device, params.get(1));
        if (origin.key().equals(cow.key())) { // dm_get_dev_t of the cow path: a path that names nothing is no match
            return ctrFailure(w, device, type, "COW device cannot be the same as origin device", Errno.EINVAL);
        }
        if (cow.error() != null) {
            return ctrFailure(w, device, type, "Cannot get COW device", cow.error());
        }
        Store store = store(w, params.get(2), params.get(3));
        if (store == null) {
            return ctrFailure(w, device, type, "Couldn't create exception store", Errno.EINVAL);
        }
        SnapshotTarget s = new SnapshotTarget(origin.key(), cow.key(), true, false, false, features, store);
        return register(w, device, length, type.equals("snapshot-merge") ? s.asMerge() : s);
    }

    /** register_snapshot, then read_metadata unless this is a handover destination. */
    private static Built register(World w, String device, long length, SnapshotTarget s) {
        final String type = s.typeName();
        int pairing = Pairing.validateHandover(w, s);
        if (pairing < 0) {
            String error = pairing == Pairing.ALREADY_MERGING ? Kmsg.ALREADY_MERGING
                    : pairing == Pairing.NO_MERGE_SUPPORT ? Kmsg.NO_MERGE_SUPPORT
                    : "Snapshot cow pairing for exception table handover failed";
            return ctrFailure(w, device, type, error, Errno.EINVAL);
        }
        SnapRef ref = new SnapRef(device, Slot.NEW);
        w.newTables().put(device, new Table(length, s));
        Pairing.insert(w, ref);
        Taint.crossUse(w, s);
        if (pairing == 1) {
            w.setSnap(ref, s.withStore(s.store().withChunkSize(0)));
            return new Built(w.table(ref), null);
        }
        ExceptionStores.Loaded loaded = ExceptionStores.readMetadata(w, s.cowDisk(), s.store());
        if (loaded.result() < 0) {
            return unregisterAndFail(w, ref, "Failed to read snapshot metadata", loaded.error());
        }
        SnapshotTarget read = s.withStore(loaded.store());
        if (loaded.result() > 0) {
            read = read.withValid(false);
            w.kmsg.add(Kmsg.MARKED_INVALID);
        }
        w.setSnap(ref, read);
        if (read.store().chunkSize() == 0) {
            return unregisterAndFail(w, ref, "Chunk size not set", Errno.EINVAL);
        }
        return new Built(w.table(ref), null);
    }

    private static Built unregisterAndFail(World w, SnapRef ref, String error, Errno errno) {
        String type = w.snap(ref).typeName();
        Pairing.unregister(w, ref);
        w.newTables().remove(ref.device());
        return ctrFailure(w, ref.device(), type, error, errno);
    }

    /** dm_exception_store_create: type letter, chunk size, then the type's constructor; null on failure. */
    private static Store store(World w, String typeArg, String chunkArg) {
        char t = Character.toUpperCase(typeArg.charAt(0));
        if (t != 'P' && t != 'N') {
            return null;
        }
        long chunk = parseUnsigned(chunkArg);
        if (chunk < 0 || (chunk != 0 && ExceptionStores.chunkSizeError(chunk) != null)) {
            return null;
        }
        if (t == 'N') {
            return Store.constructed(StoreType.TRANSIENT, false, chunk);
        }
        boolean overflowAware = false;
        if (typeArg.length() > 1) {
            String options = typeArg.substring(1);
            if (Character.toUpperCase(options.charAt(0)) != 'O') {
                w.kmsg.add("persistent snapshot: Unsupported persistent store option: " + options);
                return null;
            }
            overflowAware = true;
        }
        return Store.constructed(StoreType.PERSISTENT, overflowAware, chunk);
    }

    /** parse_snapshot_features: 0..2 of discard_zeroes_cow / discard_passdown_origin; negative on error. */
    private static int features(List<String> args) {
        if (args.isEmpty()) {
            return 0;
        }
        long n = parseUnsigned(args.get(0));
        if (n < 0 || n > 2 || n > args.size() - 1) {
            return -1;
        }
        boolean zeroes = false;
        boolean passdown = false;
        for (int i = 1; i <= n; i++) {
            String a = args.get(i).toLowerCase(Locale.ROOT);
            if (a.equals("discard_zeroes_cow")) {
                zeroes = true;
            } else if (a.equals("discard_passdown_origin")) {
                passdown = true;
            } else {
                return -2;
            }
        }
        if (passdown && !zeroes) {
            return -3;
        }
        return zeroes ? (passdown ? 2 : 1) : 0;
    }

    /** kstrtouint base 10 (optional '+'), or -1. */
    private static long parseUnsigned(String s) {
        if (!digits(s, s.startsWith("+") ? 1 : 0, 12)) {
            return -1;
        }
        long v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        return v > 0xffffffffL ? -1 : v;
    }

    /** The words of a table line (memoised for the few table lines a run or an exploration repeats). */
    private static String[] words(String text) {
        String[] w = WORDS.get(text);
        if (w == null) {
            w = split(text);
            if (WORDS.size() < WORDS_CACHED) {
                WORDS.put(text, w);
            }
        }
        return w;
    }

    /** Runs of characters other than blank and tab. */
    private static String[] split(String text) {
        List<String> out = new java.util.ArrayList<>(8);
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            while (i < text.length() && text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                i++;
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    /** Whether {@code s} from {@code from} is 1 to {@code max} ASCII digits. */
    private static boolean digits(String s, int from, int max) {
        int n = s.length() - from;
        if (n < 1 || n > max) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code path} is {@code MAJOR:MINOR} (digits colon digits). */
    private static boolean majorMinor(String path) {
        int colon = path.indexOf(':');
        return colon > 0 && digits(path.substring(0, colon), 0, Integer.MAX_VALUE)
                && digits(path, colon + 1, Integer.MAX_VALUE);
    }

    /** What dm_get_device made of a table's device path: the volume key (null when none), or the errno it failed with. */
    record Resolved(String key, Errno error) {
    }

    /**
     * dm_get_device: the volume key a table's device path names ({@link Volumes}): a disk, or a
     * mapped device that has a node; ENODEV when no block device is there, EINVAL when a table of
     * {@code device} names {@code device} itself.
     */
    private static Resolved resolve(World w, String device, String path) {
        if (path.startsWith(Volumes.DISK)) {
            String name = DISK_NAMES.get(path);
            if (name == null) {
                name = path.substring(Volumes.DISK.length());
                if (DISK_NAMES.size() < WORDS_CACHED) {
                    DISK_NAMES.put(path, name);
                }
            }
            if (w.disks.containsKey(name)) {
                return new Resolved(name, null);
            }
        } else if (path.startsWith(Volumes.MAPPER)) {
            String name = path.substring(Volumes.MAPPER.length());
            Device d = w.devices.get(name);
            if (d != null && d.node() && name.indexOf('/') < 0) {
                return name.equals(device) ? new Resolved(path, Errno.EINVAL) : new Resolved(path, null);
            }
        } else if (majorMinor(path)) {
            throw new ModelLimitation("tables naming a device by number (" + path + ") are not covered by the model");
        }
        return new Resolved(null, Errno.ENODEV);
    }

    private static Built ctrFailure(World w, String device, String type, String error, Errno errno) {
        return tableFailure(w, Kmsg.targetError(device, type, error, errno), errno);
    }

    private static Built tableFailure(World w, String line) {
        return tableFailure(w, line, Errno.EINVAL);
    }

    private static Built tableFailure(World w, String line, Errno errno) {
        w.kmsg.add(line);
        w.kmsg.add(Kmsg.ADD_TARGET_FAILED);
        return Built.failed(errno);
    }
}
