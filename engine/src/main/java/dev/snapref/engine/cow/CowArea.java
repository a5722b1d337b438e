package dev.snapref.engine.cow;

import java.util.List;

/**
 * A metadata area as read from an image.
 *
 * @param index      area number i
 * @param chunk      its chunk, 1 + (E+1)*i
 * @param exceptions the entries before the terminator
 * @param full       no terminator: all E entries used, the list continues in the next area
 */
public record CowArea(long index, long chunk, List<CowException> exceptions, boolean full) {
}
