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
        for (CommandKind k : CommandKind.CLASSIC) {
            boolean essential = k == CommandKind.CREATE_SNAPSHOT || k == CommandKind.WRITE_ORIGIN;
            boolean off = !essential && rnd.nextDouble() < 0.2;
            double r = rnd.nextDouble();
            w.weights.put(k, off ? 0.0 : 0.5 + 10 * r * r);
        }
        return w;
    }

    /**
     * Weighs the bulk-mode kinds ({@link CommandKind#BULK_WRITE}, {@link CommandKind#RELOAD}) from
     * {@code rnd} (the settings' own stream) when {@code on}, else leaves them off; the classic
     * kinds' weights and their draws are untouched.
     */
    SwarmWeights withBulk(boolean on, SplittableRandom rnd) {
        weights.put(CommandKind.BULK_WRITE, on ? 2.0 + 6 * rnd.nextDouble() : 0.0);
        weights.put(CommandKind.RELOAD, on ? 0.5 + 2 * rnd.nextDouble() : 0.0);
        return this;
    }

    public double weight(CommandKind k) {
        return weights.getOrDefault(k, 0.0);
    }

    public boolean enabled(CommandKind k) {
        return weight(k) > 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        weights.forEach((k, v) -> sb.append(k.name().toLowerCase()).append('=').append(String.format("%.1f", v))
                .append(' '));
        return sb.toString().trim();
    }
}
