package dev.snapref.model;

/**
 * Where the model finds the disks and mapped devices a volume key names: a step's {@link World}
 * or a frozen {@link ModelState}. Both answer null for a name they do not hold.
 */
interface VolumeLookup {
    /** The disk {@code name}, or null. */
    Disk lookupDisk(String name);

    /** The mapped device {@code name}, or null. */
    Device lookupDevice(String name);
}
