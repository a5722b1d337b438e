package dev.snapref.conformance.check;

/**
 * One answer of a candidate's public Java API that differs from what it must equal: the answer of
 * {@code accessor} about {@code device}, and the fact it was compared with (the reference's
 * abstract state, or another route of the same API to the same fact). Display text only: the
 * comparison that found it was made on typed values.
 *
 * @param accessor   the API call, e.g. {@code DeviceMapper.isSuspended}
 * @param device     the device (or path) it was asked about; {@code *} for a world-wide answer
 * @param value      its answer
 * @param against    what it was compared with, e.g. {@code model} or {@code inspect() order}
 * @param otherValue that side's value
 */
public record ApiDisagreement(String accessor, String device, String value, String against, String otherValue) {
    public ApiDisagreement {
        assert accessor != null && device != null && value != null && against != null && otherValue != null;
    }

    /**
     * What identifies it for shrinking (same device, same accessor), e.g.
     * {@code /dev/mapper/s:api.DeviceMapper.isSuspended}; values are left out.
     */
    public String key() {
        return device + ":api." + accessor;
    }

    /**
     * One line, e.g. {@code DeviceMapper.isSuspended(/dev/mapper/s): true vs model: false}, or
     * {@code DeviceMapper.deviceNames(): [] vs model: [s]} for a world-wide answer.
     */
    @Override
    public String toString() {
        return accessor + "(" + ("*".equals(device) ? "" : device) + "): " + value + " vs " + against + ": "
                + otherValue;
    }
}
