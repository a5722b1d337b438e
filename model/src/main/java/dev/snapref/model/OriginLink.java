package dev.snapref.model;

import java.util.List;

/** dm-snapshot's origin record: the snapshots registered on one origin disk, in list order. */
public record OriginLink(String originDisk, List<SnapRef> snapshots) {
    public OriginLink {
        snapshots = List.copyOf(snapshots);
        assert !snapshots.isEmpty() : "an origin record is freed with its last snapshot";
    }
}
