package dev.snapref.conformance.kernel;

import dev.snapref.conformance.targets.TargetRun;
import java.util.Optional;

/**
 * One script's result on the kernel: the run (transcript and disk images) and, when the script
 * did not run to its end, why. A script whose command hung is cut after that command, which
 * is printed as {@code -> blocked} (the kernel never answered it).
 */
public record KernelScriptResult(String script, TargetRun run, Optional<String> problem) {
    public boolean complete() {
        return problem.isEmpty();
    }
}
