package dev.snapref.conformance.conform;

import dev.snapref.conformance.fault.CorruptImageCampaign;
import dev.snapref.conformance.fault.CrashCampaign;
import dev.snapref.conformance.fault.FaultCampaign;
import dev.snapref.conformance.fault.ModeSummary;
import dev.snapref.conformance.fault.ScriptMode;
import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.engine.kernel.EngineBug;
import java.util.Set;

/**
 * The three fault-mode campaigns a conformance run of the engine runs ({@link FaultModeRuns}):
 * the crash and faults modes as {@link ScriptMode}s, the corrupt-image campaign as a whole. The
 * engine's are {@link #of}; a test plants others (one that throws in a phase, say) through
 * {@link ConformanceRun#withFaultModes}.
 */
public interface FaultModeCampaigns {
    /** The crash-consistency mode ({@code crash}, clause CRS-1). */
    ScriptMode crash();

    /** The injected-I/O-error mode ({@code faults}, clause FLT-1). */
    ScriptMode faults();

    /** Runs the corrupt-image campaign ({@code corrupt-images}, clause CIM-1) with {@code config}. */
    ModeSummary corruptImages(FuzzCampaign.Config config);

    /** The engine's campaigns with {@code bugs} switched on. */
    static FaultModeCampaigns of(Set<EngineBug> bugs) {
        Set<EngineBug> on = Set.copyOf(bugs);
        return new FaultModeCampaigns() {
            @Override
            public ScriptMode crash() {
                return new CrashCampaign(on);
            }

            @Override
            public ScriptMode faults() {
                return new FaultCampaign(on);
            }

            @Override
            public ModeSummary corruptImages(FuzzCampaign.Config config) {
                return new CorruptImageCampaign(config, on).run();
            }
        };
    }
}
