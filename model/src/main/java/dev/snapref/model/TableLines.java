package dev.snapref.model;

/** The target parts of {@code dmsetup table} and {@code dmsetup status} lines. */
final class TableLines {
    private TableLines() {
    }

    /** STATUSTYPE_TABLE: origin {@code <dev>}; snapshot {@code <origin> <cow> P|PO|N <chunk> [features]}. */
    static String table(Table t) {
        if (t.target() instanceof OriginTarget o) {
            return "/dev/disk/" + o.originDisk();
        }
        SnapshotTarget s = (SnapshotTarget) t.target();
        Store st = s.store();
        String type = st.type() == StoreType.TRANSIENT ? "N" : st.overflowAware() ? "PO" : "P";
        String line = "/dev/disk/" + s.originDisk() + " /dev/disk/" + s.cowDisk() + " " + type + " " + st.chunkSize();
        if (s.features() == 1) {
            line += " 1 discard_zeroes_cow";
        } else if (s.features() == 2) {
            line += " 2 discard_zeroes_cow discard_passdown_origin";
        }
        return line;
    }

    /** STATUSTYPE_INFO: origin empty; snapshot Invalid, Overflow or {@code alloc/total meta}. */
    static String status(World w, Table t) {
        if (t.target() instanceof OriginTarget) {
            return "";
        }
        SnapshotTarget s = (SnapshotTarget) t.target();
        if (!s.valid()) {
            return "Invalid";
        }
        if (s.overflowed()) {
            return "Overflow";
        }
        return ExceptionStores.usage(s.store(), w.disk(s.cowDisk()).sectors());
    }
}
