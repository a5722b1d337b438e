package dev.snapref.conformance.refine;

import java.util.Optional;

/**
 * A mapped device as the refinement check sees it. An inactive table's split boundary is not
 * kept: it is computed at resume and cannot be observed before, so targets may differ there.
 */
public record AbstractDevice(boolean suspended, Optional<AbstractTable> live, Optional<AbstractTable> inactive) {
    public AbstractDevice {
        inactive = inactive.map(t -> t.isSnapshot() ? t : AbstractTable.origin(0));
    }
}
