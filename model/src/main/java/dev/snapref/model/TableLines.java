package dev.snapref.model;

/** The target parts of {@code dmsetup table} and {@code dmsetup status} lines. */
final class TableLines {
    private TableLines() {
    }

    /**
     * STATUSTYPE_TABLE: origin {@code <dev>}; linear {@code <dev> <offset>}; snapshot and
     * snapshot-merge {@code <origin> <cow> P|PO|N <chunk> [features]}; devices by their paths.
     */
    static String table(Table t) {
        if (t.target() instanceof OriginTarget o) {
            return Volumes.path(o.originDisk());
        }
        if (t.target() instanceof LinearTarget lt) {
            return Volumes.path(lt.device()) + " " + lt.offset();
        }
        SnapshotTarget s = (SnapshotTarget) t.target();
        Store st = s.store();
        String type = st.type() == StoreType.TRANSIENT ? "N" : st.overflowAware() ? "PO" : "P";
        String line = Volumes.path(s.originDisk()) + " " + Volumes.path(s.cowDisk()) + " " + type + " " + st.chunkSize();
        if (s.features() == 1) {
            line += " 1 discard_zeroes_cow";
        } else if (s.features() == 2) {
            line += " 2 discard_zeroes_cow discard_passdown_origin";
        }
        return line;
    }

    /** STATUSTYPE_INFO: origin and linear empty; snapshot Invalid, Merge failed, Overflow or {@code alloc/total meta}. */
    static String status(World w, Table t) {
        if (!(t.target() instanceof SnapshotTarget s)) {
            return "";
        }
        if (!s.valid()) {
            return "Invalid";
        }
        if (s.mergeFailed()) {
            return "Merge failed";
        }
        if (s.overflowed()) {
            return "Overflow";
        }
        return ExceptionStores.usage(s.store(), Volumes.size(w, s.cowDisk()));
    }
}
