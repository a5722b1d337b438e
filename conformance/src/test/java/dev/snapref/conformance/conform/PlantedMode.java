package dev.snapref.conformance.conform;

import dev.snapref.conformance.fault.Finding;
import dev.snapref.conformance.fault.ScriptMode;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.WriteCommand;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fault mode with a planted engine assertion, for the gate's own tests: the real mode, except
 * that checking a script with a write throws {@code AssertionError} (as the engine does under some
 * bug switches), and so does describing one for its reproducer when {@code describeThrows} (the
 * path by which the faults mode used to take {@code conform} down: issue 12).
 */
final class PlantedMode implements ScriptMode {
    private final ScriptMode real;
    private final boolean describeThrows;

    PlantedMode(ScriptMode real, boolean describeThrows) {
        this.real = real;
        this.describeThrows = describeThrows;
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public Optional<Finding> check(Script script, long seed, Map<String, Long> counts) {
        if (script.commands().stream().anyMatch(c -> c instanceof WriteCommand)) {
            throw new AssertionError(ThrowingEngine.PLANTED + " in the " + real.name() + " check");
        }
        return real.check(script, seed, counts);
    }

    @Override
    public List<String> describe(Script script, long seed) {
        if (describeThrows) {
            throw new AssertionError(ThrowingEngine.PLANTED + " in the " + real.name() + " description");
        }
        return real.describe(script, seed);
    }
}
