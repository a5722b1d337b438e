package dev.snapref.model;

/**
 * Thrown when a script uses something outside the model's scope (a target type other than
 * snapshot-origin and snapshot that the kernel knows, a table naming a mapped device, ...).
 * The model never guesses: it refuses.
 */
public final class ModelLimitation extends RuntimeException {
    public ModelLimitation(String message) {
        super(message);
    }
}
