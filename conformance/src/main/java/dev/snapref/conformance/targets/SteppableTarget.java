package dev.snapref.conformance.targets;

/** A target that can also be driven one command at a time (the model and the engine; not the kernel). */
public interface SteppableTarget extends Target {
    /** A fresh world: no disks, no mapped devices. */
    TargetSession open();
}
