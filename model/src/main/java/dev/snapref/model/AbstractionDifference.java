package dev.snapref.model;

/**
 * One way two {@link WorldAbstraction}s differ: which device, which of its table slots (none for
 * the device's own fields), which field, and the value on each side, rendered for people.
 * Values are display text only: the comparison that found the difference is made on the typed
 * records ({@link AbstractionComparison}), never on this text.
 *
 * @param device     the device name
 * @param slot       {@link Slot#LIVE} or {@link Slot#INACTIVE} for a table's field; null for the
 *                   device's own fields ({@link Field#DEVICE}, {@link Field#SUSPENDED})
 * @param field      the field that differs
 * @param value      its value in the world {@link WorldAbstraction#differences} was called on
 * @param otherValue its value in the other world
 */
public record AbstractionDifference(String device, Slot slot, Field field, String value, String otherValue) {
    /** The compared fields of an abstraction, in the order differences are reported. */
    public enum Field {
        /** The device exists ({@code present} / {@code absent}). */
        DEVICE("device"),
        /** dm's suspended flag. */
        SUSPENDED("suspended"),
        /** The slot holds a table ({@code present} / {@code absent}). */
        TABLE("table"),
        /** The table's target type ({@code snapshot}, {@code snapshot-origin}, {@code snapshot-merge}, {@code linear}). */
        TARGET("target"),
        /** The table length in sectors. */
        LENGTH("length"),
        /** Snapshot: not invalidated. */
        VALID("valid"),
        /** Snapshot: resumed at least once. */
        ACTIVE("active"),
        /** Snapshot: a PO store ran out of space. */
        OVERFLOWED("overflowed"),
        /** Snapshot: the chunk size of the store it holds now. */
        CHUNK_SIZE("chunk size"),
        /** Snapshot: the type (and PO flag) of the store it holds now, shown as P, PO or N. */
        STORE_TYPE("store type"),
        /** Snapshot: the cow disk's name. */
        COW("cow"),
        /** Snapshot: the completed exceptions; shown as the entries that differ, origin chunk to cow chunk. */
        EXCEPTIONS("exceptions"),
        /** Origin: the write split boundary computed at its last resume. */
        SPLIT_BOUNDARY("split boundary"),
        /** Merge: a merge step failed. */
        MERGE_FAILED("merge failed"),
        /** Linear: the lower device. */
        LOWER_DEVICE("lower device"),
        /** Linear: the lower device's first sector. */
        OFFSET("offset");

        private final String label;

        Field(String label) {
            this.label = label;
        }

        /** The field's name as reports print it. */
        public String label() {
            return label;
        }
    }

    public AbstractionDifference {
        assert device != null && field != null && value != null && otherValue != null;
        assert (slot == null) == (field == Field.DEVICE || field == Field.SUSPENDED) : field + " in slot " + slot;
        assert slot == null || slot == Slot.LIVE || slot == Slot.INACTIVE : slot;
        assert !value.equals(otherValue) : "no difference: " + field + " " + value;
    }

    /** Where in the device the field is: {@code live}, {@code inactive} or {@code device}. */
    public String where() {
        return slot == null ? "device" : slot.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * What identifies this difference for shrinking (same device, same slot, same field), e.g.
     * {@code snap1:live.valid}; values are left out, so a shrunk script may differ in them.
     */
    public String key() {
        return device + ":" + where() + "." + field.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** One line, e.g. {@code snap1: live valid: true vs false}. */
    @Override
    public String toString() {
        return device + ": " + (slot == null ? "" : where() + " ") + field.label() + ": " + value + " vs " + otherValue;
    }
}
