package dev.snapref.scenario;

/**
 * What a read sees in one 512-byte sector, as far as transcripts care: all zero, a script
 * pattern {@code LABEL@K}, or anything else.
 */
public sealed interface SectorContent {
    SectorContent ZERO = new Zero();
    SectorContent OTHER = new Other();

    record Zero() implements SectorContent {
    }

    /** The sector holds exactly {@code label@index} followed by NUL bytes. */
    record Pattern(String label, long index) implements SectorContent {
    }

    /** Anything else (metadata, torn data, ...). */
    record Other() implements SectorContent {
    }
}
