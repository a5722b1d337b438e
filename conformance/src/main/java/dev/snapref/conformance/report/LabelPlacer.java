package dev.snapref.conformance.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Places text labels of a drawing so that no two overlap and none covers an obstacle (a node):
 * each label tries its preferred centres in order and takes the first free one; when all are
 * taken it searches outward from the first on a spiral until it finds a free spot.
 *
 * <p>Guarantee: the boxes {@link #place} returns never overlap each other or an obstacle, with
 * {@link #GAP} units to spare. Limit: a label may end up far from its preferred spot in a crowded
 * drawing (the caller draws a leader line then) and outside the original canvas (the caller
 * grows the canvas to {@link #bounds}).
 */
final class LabelPlacer {
    /** Space kept between boxes. */
    static final double GAP = 2;

    /** An axis-aligned box: left, top, width, height. */
    record Box(double x, double y, double w, double h) {
        static Box around(double cx, double cy, double w, double h) {
            return new Box(cx - w / 2, cy - h / 2, w, h);
        }

        boolean overlaps(Box o, double gap) {
            return x < o.x + o.w + gap && o.x < x + w + gap && y < o.y + o.h + gap && o.y < y + h + gap;
        }

        double cx() {
            return x + w / 2;
        }

        double cy() {
            return y + h / 2;
        }
    }

    private final List<Box> obstacles;
    private final List<Box> placed = new ArrayList<>();

    LabelPlacer(List<Box> obstacles) {
        this.obstacles = List.copyOf(obstacles);
    }

    /** The box of a {@code w} by {@code h} label at the first free centre of {@code centres} (or near it). */
    Box place(List<double[]> centres, double w, double h) {
        for (double[] c : centres) {
            Box b = Box.around(c[0], c[1], w, h);
            if (free(b)) {
                placed.add(b);
                return b;
            }
        }
        double[] c0 = centres.get(0);
        for (int k = 1; ; k++) {
            double r = 4 * Math.sqrt(k);
            double a = k * 2.4;
            Box b = Box.around(c0[0] + r * Math.cos(a), c0[1] + r * Math.sin(a), w, h);
            if (free(b)) {
                placed.add(b);
                return b;
            }
        }
    }

    /** The labels placed so far. */
    List<Box> placed() {
        return List.copyOf(placed);
    }

    /** The smallest box holding every obstacle and label. */
    Box bounds() {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        List<Box> all = new ArrayList<>(obstacles);
        all.addAll(placed);
        for (Box b : all) {
            x0 = Math.min(x0, b.x());
            y0 = Math.min(y0, b.y());
            x1 = Math.max(x1, b.x() + b.w());
            y1 = Math.max(y1, b.y() + b.h());
        }
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    private boolean free(Box b) {
        for (Box o : obstacles) {
            if (b.overlaps(o, GAP)) {
                return false;
            }
        }
        for (Box o : placed) {
            if (b.overlaps(o, GAP)) {
                return false;
            }
        }
        return true;
    }
}
