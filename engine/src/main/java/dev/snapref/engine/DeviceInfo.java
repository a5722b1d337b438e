package dev.snapref.engine;

/**
 * What {@code dmsetup info} reports that the transcripts use.
 *
 * @param suspended the device is suspended ({@code State: SUSPENDED})
 * @param live      a live table is present
 * @param inactive  an inactive (loaded, not yet resumed) table is present
 */
public record DeviceInfo(boolean suspended, boolean live, boolean inactive) {
}
