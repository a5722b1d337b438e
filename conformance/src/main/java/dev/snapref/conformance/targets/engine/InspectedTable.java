package dev.snapref.conformance.targets.engine;

import dev.snapref.engine.inspect.OriginView;
import dev.snapref.engine.inspect.SnapshotView;
import dev.snapref.engine.inspect.StoreKind;
import dev.snapref.engine.inspect.TargetView;

import java.util.SortedMap;

/**
 * One engine table as the fault campaigns read it: the engine's typed {@link TargetView} flattened
 * to the fields they test (target name, validity, cow path, completed exceptions). Kept only for
 * the fault campaigns until they read the model's types; the refinement check and everything
 * else use {@link EngineAbstraction}.
 */
public record InspectedTable(String target, boolean valid, boolean active, long chunkSize, String storeType,
                             String cow, SortedMap<Long, Long> exceptions, long splitBoundary) {

    /** Flattens an engine view. */
    public static InspectedTable of(TargetView v) {
        if (v instanceof SnapshotView s) {
            String type = s.storeKind() == StoreKind.TRANSIENT ? "N" : s.overflowAware() ? "PO" : "P";
            return new InspectedTable("snapshot", s.valid(), s.active(), s.chunkSize(), type, s.cowPath(),
                    s.exceptions(), 0);
        }
        OriginView o = (OriginView) v;
        return new InspectedTable("snapshot-origin", true, true, 0, "", "", java.util.Collections.emptySortedMap(),
                o.splitBoundary());
    }
}
