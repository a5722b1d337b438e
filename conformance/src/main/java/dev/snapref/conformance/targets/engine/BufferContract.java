package dev.snapref.conformance.targets.engine;

import dev.snapref.conformance.check.ApiDisagreement;
import dev.snapref.engine.DeviceMapper;
import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.kernel.DmException;
import dev.snapref.scenario.DevicePath;
import java.util.List;

/**
 * The buffer contract of the engine's pread/pwrite forms
 * ({@link DeviceMapper#read(String, long, int, byte[], int)},
 * {@link DeviceMapper#write(String, long, int, byte[], int)}), probed on a disk after a step: a
 * request of no sectors reads none and needs no buffer; a buffer that ends one byte before
 * {@code off + count * 512} is refused with {@link IllegalArgumentException} before any I/O, for
 * a read and for a write. The probes go to sector 0 of a disk of the script, never to a mapped
 * device (a refused request must not wait in a suspended device's gate), and issue no request
 * on the correct engine (so fault plans and schedules do not move). Stateless.
 */
final class BufferContract {
    private static final int SECTOR = BlockDevice.SECTOR_SIZE;

    private BufferContract() {
    }

    /** Adds to {@code out} every way {@code dm}'s buffer checks differ from the contract, probed on {@code disk}. */
    static void probe(DeviceMapper dm, String disk, List<ApiDisagreement> out) {
        String path = DevicePath.disk(disk).path();
        try {
            int n = dm.read(path, 0, 0, new byte[0], 0);
            if (n != 0) {
                out.add(new ApiDisagreement("DeviceMapper.read(count 0)", path, n + " sectors", "the contract", "0"));
            }
        } catch (DmException | RuntimeException e) {
            out.add(new ApiDisagreement("DeviceMapper.read(count 0)", path, e.toString(), "the contract", "0"));
        }
        refused(dm, path, false, out);
        refused(dm, path, true, out);
    }

    /** One sector at offset one sector into a buffer one byte short: must be refused as an argument error. */
    private static void refused(DeviceMapper dm, String path, boolean write, List<ApiDisagreement> out) {
        byte[] shortBuffer = new byte[2 * SECTOR - 1];
        String accessor = write ? "DeviceMapper.write(short buffer)" : "DeviceMapper.read(short buffer)";
        String got;
        try {
            if (write) {
                dm.write(path, 0, 1, shortBuffer, SECTOR);
            } else {
                dm.read(path, 0, 1, shortBuffer, SECTOR);
            }
            got = "accepted";
        } catch (IllegalArgumentException e) {
            return;
        } catch (DmException | RuntimeException e) {
            got = e.toString();
        }
        out.add(new ApiDisagreement(accessor, path, got, "the contract", "IllegalArgumentException"));
    }
}
