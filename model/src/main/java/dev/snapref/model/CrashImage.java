package dev.snapref.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What a crash leaves on a disk, stated on the model's request log ({@link BlockRequests}): the
 * worst case a volatile write cache allows (as dm-log-writes replays it). A write survives only
 * once it is durable: issued with FUA, or completed before a flush that completed; every other
 * write is lost. A flush makes the writes before it durable in the order they were issued, so a
 * later write to the same sector wins. Optionally the request at the crash point, a write, is
 * torn: its first sectors land.
 *
 * <p>Limits: single sectors are atomic (the on-disk format relies on it); reads change nothing;
 * a failed write of the log (a faulted run) is taken as issued, so crash images are meant for
 * fault-free logs.
 */
public final class CrashImage {
    private CrashImage() {
    }

    /**
     * The disk after a crash just before request {@code crashIndex} of {@code log} (requests
     * {@code 0..crashIndex-1} completed), {@code initial} being the disk's content before the first
     * request, with the first {@code tornPrefix} sectors of request {@code crashIndex} (a write)
     * landed too (0: none). {@code crashIndex == log.size()} is a crash after the last request.
     */
    public static Disk at(Disk initial, List<Request> log, int crashIndex, int tornPrefix) {
        assert crashIndex >= 0 && crashIndex <= log.size() : "a crash point of the log";
        Disk durable = initial;
        List<Request> volatileWrites = new ArrayList<>();
        for (int i = 0; i < crashIndex; i++) {
            Request r = log.get(i);
            if (r.kind() == RequestKind.WRITE) {
                volatileWrites.add(r);
                if (r.fua()) {
                    durable = land(durable, r, r.count());
                }
            } else if (r.kind() == RequestKind.FLUSH) {
                for (Request v : volatileWrites) {
                    durable = land(durable, v, v.count());
                }
                volatileWrites.clear();
            }
        }
        if (tornPrefix > 0) {
            Request r = log.get(crashIndex);
            assert r.kind() == RequestKind.WRITE && tornPrefix < r.count() : "a torn prefix of a write";
            durable = land(durable, r, tornPrefix);
        }
        return durable;
    }

    private static Disk land(Disk medium, Request w, long sectors) {
        return medium.copyFrom(w.written(), w.sector(), w.sector(), sectors);
    }
}
