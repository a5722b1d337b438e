package dev.snapref.conformance.targets.engine;

import dev.snapref.conformance.check.ApiDisagreement;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.ReadCommand;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A read of the sequential runner, issued through the engine's buffer form
 * {@link DeviceMapper#read(String, long, int, byte[], int)} so that its return value is checked:
 * it must be the number of the asked sectors that exist, as the API states the device's size (a
 * disk's {@link BlockDevice#sectors()}, a mapped device's live table length from
 * {@link DeviceMapper#table}; 0 without one). A read past the end asks for one sector more than
 * exists, so the clip is exercised with a buffer one sector longer than the data. The request is
 * the one the array form would issue (same sectors; none when nothing exists), so fault and
 * schedule counts do not change. The race phase's concurrent reads keep the array form.
 */
final class CheckedRead {
    private CheckedRead() {
    }

    /**
     * Reads {@code r} and returns the sectors that exist, as the transcript prints them; adds a
     * disagreement to {@code sink} when the returned count is not that number (the data printed is
     * still those sectors, so the transcript shows what was read and the disagreement names the
     * return value). Errors as the read's.
     */
    static byte[] read(DeviceMapper dm, ReadCommand r, List<ApiDisagreement> sink) throws DmException {
        String path = r.device().path();
        int exist = (int) Math.max(0, Math.min(r.count(), size(dm, r.device()) - r.sector()));
        int ask = (int) Math.min(r.count(), exist + 1L);
        byte[] data = new byte[ask * BlockDevice.SECTOR_SIZE];
        int n = dm.read(path, r.sector(), ask, data, 0);
        if (n != exist) {
            sink.add(new ApiDisagreement("DeviceMapper.read", path, n + " sectors read of " + ask + " asked at "
                    + r.sector(), "the sectors that exist", String.valueOf(exist)));
        }
        return ask == exist ? data : Arrays.copyOf(data, exist * BlockDevice.SECTOR_SIZE);
    }

    /** The device's size in sectors as the API states it; 0 when there is none (the read fails on its own). */
    private static long size(DeviceMapper dm, DevicePath p) {
        if (p.kind() == DevicePath.Kind.DISK) {
            BlockDevice d = dm.disk(p.name());
            return d == null ? 0 : d.sectors();
        }
        try {
            Optional<String> line = dm.table(p.name(), false);
            return line.map(CheckedRead::tableSize).orElse(0L);
        } catch (DmException e) {
            return 0;
        }
    }

    /** {@code START + LENGTH} of a table line {@code START LENGTH TYPE ARGS}. */
    private static long tableSize(String line) {
        String[] words = line.split(" ", 3);
        return Long.parseLong(words[0]) + Long.parseLong(words[1]);
    }
}
