package dev.snapref.model;

import dev.snapref.scenario.SectorPattern;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The abstract content of a non-zero sector. Every value stands for exact bytes
 * ({@link #bytes(long)}), so the model can both classify a sector for a transcript and
 * re-interpret it as the kernel would (a header, a metadata area), e.g. when a persistent store
 * is loaded from a cow that held something else.
 *
 * <p>A value may cover a run of sectors in an {@link Extent}: a {@link Pattern} describes sector
 * {@code i} of the run as {@code label@(first+i)}; the other values are the same in every sector.
 * The model's own writes make patterns, headers and entries only; {@link Raw} holds any other
 * bytes, from an image the model was given ({@link Disk#fromImage}) or a metadata area written
 * over such bytes.
 */
public sealed interface SectorValue permits SectorValue.Pattern, SectorValue.Header, SectorValue.Entries,
        SectorValue.Raw {
    /** Magic number of a persistent snapshot header ("SnAp" in bytes). */
    int SNAP_MAGIC = 0x70416e53;

    /** The 512 bytes of sector {@code i} of a run holding this value. */
    byte[] bytes(long i);

    /** A run of script data: sector {@code i} of the run holds {@code label@(first+i)}. */
    record Pattern(String label, long first) implements SectorValue {
        @Override
        public byte[] bytes(long i) {
            return SectorPattern.of(label, first + i);
        }
    }

    /** Sector 0 of a persistent cow: magic, valid, version, chunk size (le32 each), then zeros. */
    record Header(int valid, int version, long chunkSize) implements SectorValue {
        @Override
        public byte[] bytes(long i) {
            ByteBuffer b = ByteBuffer.allocate(SectorPattern.SECTOR_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(SNAP_MAGIC).putInt(valid).putInt(version).putInt((int) chunkSize);
            return b.array();
        }
    }

    /** A metadata sector holding up to 32 exceptions (le64 old_chunk, le64 new_chunk), then zeros. */
    record Entries(PairList pairs) implements SectorValue {
        public Entries {
            assert pairs.size() > 0 && pairs.size() <= 32 : "1..32 exceptions per sector";
        }

        @Override
        public byte[] bytes(long i) {
            ByteBuffer b = ByteBuffer.allocate(SectorPattern.SECTOR_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < pairs.size(); k++) {
                b.putLong(pairs.oldChunk(k)).putLong(pairs.newChunk(k));
            }
            return b.array();
        }
    }

    /** Arbitrary sector bytes (exactly 512), compared by content. */
    record Raw(byte[] data) implements SectorValue {
        public Raw {
            assert data.length == SectorPattern.SECTOR_SIZE : "a raw value is one sector";
            data = data.clone();
        }

        @Override
        public byte[] bytes(long i) {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Raw r && java.util.Arrays.equals(r.data, data);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Raw[" + SectorPattern.classify(data, 0) + "]";
        }
    }
}
