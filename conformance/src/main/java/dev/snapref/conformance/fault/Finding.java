package dev.snapref.conformance.fault;

/**
 * A violation a fault, crash or corrupt-image campaign found.
 *
 * @param signature kind and key ({@code crash:lost-exception}); shrinking keeps it
 * @param detail    what exactly, where (step, crash point, image offsets)
 */
public record Finding(String signature, String detail) {
}
