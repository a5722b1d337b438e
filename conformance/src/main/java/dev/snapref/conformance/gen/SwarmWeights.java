package dev.snapref.conformance.gen;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Per-seed command weights (swarm testing): each seed draws its own weight for every
 * {@link CommandKind} and switches about a fifth of them off, so that some scripts dwell on
 * rare interleavings that a uniform mix would dilute. Creating snapshots and writing to the
 * origin are never switched off (without them few behaviours are reachable).
 */
public final class SwarmWeights {
    private final Map<CommandKind, Double> weights = new EnumMap<>(CommandKind.class);

    private SwarmWeights() {
    }

    public static SwarmWeights draw(SplittableRandom rnd) {
        SwarmWeights w = new SwarmWeights();
        for (CommandKind k : CommandKind.values()) {
            boolean essential = k == CommandKind.CREATE_SNAPSHOT || k == CommandKind.WRITE_ORIGIN;
            boolean off = !essential && rnd.nextDouble() < 0.2;
            double r = rnd.nextDouble();
            w.weights.put(k, off ? 0.0 : 0.5 + 10 * r * r);
        }
        return w;
    }

    public double weight(CommandKind k) {
        return weights.get(k);
    }

    public boolean enabled(CommandKind k) {
        return weights.get(k) > 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        weights.forEach((k, v) -> sb.append(k.name().toLowerCase()).append('=').append(String.format("%.1f", v))
                .append(' '));
        return sb.toString().trim();
    }
}
