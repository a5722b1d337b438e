package dev.snapref.conformance.refine;

import java.util.Optional;

/** A mapped device as the refinement check sees it. */
public record AbstractDevice(boolean suspended, Optional<AbstractTable> live, Optional<AbstractTable> inactive) {
}
