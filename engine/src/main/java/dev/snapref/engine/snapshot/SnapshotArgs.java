package dev.snapref.engine.snapshot;

import dev.snapref.engine.kernel.DmException;
import dev.snapref.engine.kernel.Errno;

/**
 * The arguments of a {@code snapshot} table line, checked as snapshot_ctr and
 * parse_snapshot_features check them: {@code <origin> <cow> <P|PO|N> <chunksize>
 * [<#features> <feature>...]}. Device paths and the store words are only taken here; the devices
 * are opened and the store is created by the constructor.
 *
 * @param originPath            the origin device path as written
 * @param cowPath               the cow device path as written
 * @param storeType             the store word ({@code P}, {@code PO}, {@code N}, ...), unchecked
 * @param chunkSize             the chunk size word, unchecked
 * @param discardZeroesCow      feature {@code discard_zeroes_cow}
 * @param discardPassdownOrigin feature {@code discard_passdown_origin}
 */
record SnapshotArgs(String originPath, String cowPath, String storeType, String chunkSize, boolean discardZeroesCow,
                    boolean discardPassdownOrigin) {
    private static final long MAX_FEATURES = 2;

    /** Parses the arguments; fails with EINVAL and the kernel's {@code ti->error}. */
    static SnapshotArgs parse(String[] argv) throws DmException {
        if (argv.length < 4) {
            throw ctr("requires 4 or more arguments");
        }
        boolean zeroes = false;
        boolean passdown = false;
        if (argv.length > 4) {
            long count = argv[4].matches("\\d{1,10}") ? Long.parseLong(argv[4]) : -1;
            if (count < 0 || count > MAX_FEATURES || argv.length - 5 < count) {
                throw ctr("Invalid number of feature arguments");
            }
            for (int i = 0; i < count; i++) {
                String name = argv[5 + i];
                if (name.equalsIgnoreCase("discard_zeroes_cow")) {
                    zeroes = true;
                } else if (name.equalsIgnoreCase("discard_passdown_origin")) {
                    passdown = true;
                } else {
                    throw ctr("Unrecognised feature requested");
                }
            }
            if (!zeroes && passdown) {
                throw ctr("discard_passdown_origin feature depends on discard_zeroes_cow");
            }
        }
        return new SnapshotArgs(argv[0], argv[1], argv[2], argv[3], zeroes, passdown);
    }

    /** The feature part of the table line: {@code " N name..."}, empty without features. */
    String featuresLine() {
        int n = (discardZeroesCow ? 1 : 0) + (discardPassdownOrigin ? 1 : 0);
        if (n == 0) {
            return "";
        }
        return " " + n + (discardZeroesCow ? " discard_zeroes_cow" : "")
                + (discardPassdownOrigin ? " discard_passdown_origin" : "");
    }

    private static DmException ctr(String tiError) {
        return new DmException(Errno.EINVAL, tiError);
    }
}
