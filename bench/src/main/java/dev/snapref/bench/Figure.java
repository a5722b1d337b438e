package dev.snapref.bench;

import java.util.Locale;

/**
 * One figure of a benchmark run: what it is, the measured value with its unit, and the target
 * (empty when the figure has none: shown for context).
 *
 * @param name    what was measured
 * @param value   the measured value
 * @param unit    its unit
 * @param target  the target as text ({@code ">= 0.25"}), or empty
 * @param met     whether the target is met (true when there is none)
 */
public record Figure(String name, double value, String unit, String target, boolean met) {
    static Figure atLeast(String name, double value, String unit, double min) {
        return new Figure(name, value, unit, ">= " + fmt(min), value >= min);
    }

    static Figure atMost(String name, double value, String unit, double max) {
        return new Figure(name, value, unit, "<= " + fmt(max), value <= max);
    }

    static Figure info(String name, double value, String unit) {
        return new Figure(name, value, unit, "", true);
    }

    String row() {
        return "| " + name + " | " + fmt(value) + " " + unit + " | " + (target.isEmpty() ? "-" : target) + " | "
                + (target.isEmpty() ? "-" : met ? "yes" : "NO") + " |";
    }

    static String fmt(double v) {
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.3f", v);
    }
}
