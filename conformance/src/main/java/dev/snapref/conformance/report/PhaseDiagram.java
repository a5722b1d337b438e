package dev.snapref.conformance.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Draws the handover-phase coverage as SVG: the five pairing states of a cow as nodes, each
 * observed transition as an arrow whose width grows with its count (log scale) and whose label
 * is the count (hover: the transition named in full). A transition and its reverse are drawn side
 * by side, each on its own left. States never reached are drawn dashed: a gap in the run's
 * coverage.
 *
 * <p>Guarantee: count labels never overlap each other or a node ({@link LabelPlacer}); a label
 * pushed away from its arrow gets a dotted leader line to it; the canvas grows to hold every
 * label. Limits: the nodes' places are fixed (five states); arrows may cross each other.
 */
final class PhaseDiagram {
    private static final int[][] POS = {{80, 190}, {280, 90}, {520, 90}, {520, 290}, {280, 290}};
    private static final double RX = 48;
    private static final double RY = 24;
    private static final double LABEL_H = 15;

    /** One arrow: its SVG path, stroke width, label box and the point the label belongs to. */
    record Edge(HandoverPhase from, HandoverPhase to, long count, String path, double width, LabelPlacer.Box label,
                double anchorX, double anchorY) {
    }

    /** The arrows and label boxes of a drawing, and the box holding everything. */
    record Layout(List<Edge> edges, LabelPlacer.Box bounds) {
    }

    private PhaseDiagram() {
    }

    static String svg(Map<String, Long> transitions) {
        Layout layout = layout(transitions);
        LabelPlacer.Box b = layout.bounds();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"phases\" role=\"img\" "
                        + "aria-label=\"handover phases of the cow and the transitions exercised\" width=\"%.0f\" "
                        + "height=\"%.0f\" viewBox=\"%.0f %.0f %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\">%n",
                b.w(), b.h(), b.x(), b.y(), b.w(), b.h()));
        sb.append("<defs><marker id=\"a\" markerWidth=\"9\" markerHeight=\"9\" refX=\"8\" refY=\"4\" orient=\"auto\" "
                + "markerUnits=\"userSpaceOnUse\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#555\"/></marker></defs>\n");
        for (Edge e : layout.edges()) {
            String name = e.from().label() + " \u2192 " + e.to().label() + ": " + e.count() + " steps";
            sb.append("<g class=\"edge\"><title>").append(Xml.esc(name)).append("</title>");
            sb.append(String.format("<path d=\"%s\" fill=\"none\" stroke=\"#555\" stroke-width=\"%.1f\" "
                    + "marker-end=\"url(#a)\"/>", e.path(), e.width()));
            LabelPlacer.Box l = e.label();
            if (Math.hypot(l.cx() - e.anchorX(), l.cy() - e.anchorY()) > 30) {
                sb.append(String.format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#99a\" "
                        + "stroke-dasharray=\"2 2\"/>", e.anchorX(), e.anchorY(), l.cx(), l.cy()));
            }
            sb.append(String.format("<rect class=\"label\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"#fff\" fill-opacity=\"0.9\"/>", l.x(), l.y(), l.w(), l.h()));
            sb.append(String.format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#225\">%d</text></g>%n",
                    l.cx(), l.cy() + 4, e.count()));
        }
        for (HandoverPhase ph : HandoverPhase.values()) {
            boolean reached = transitions.keySet().stream().anyMatch(k -> k.endsWith("->" + ph.name())
                    || k.startsWith(ph.name() + "->"));
            int[] c = POS[ph.ordinal()];
            sb.append(String.format("<g class=\"node\"><title>%s: %s</title><ellipse cx=\"%d\" cy=\"%d\" rx=\"%.0f\" "
                            + "ry=\"%.0f\" fill=\"%s\" stroke=\"#333\" %s/>", Xml.esc(ph.label()),
                    reached ? "reached" : "never reached in this run", c[0], c[1], RX, RY, reached ? "#cfe8cf" : "#fff",
                    reached ? "" : "stroke-dasharray=\"4 3\""));
            sb.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text></g>%n", c[0], c[1] + 4,
                    Xml.esc(ph.label())));
        }
        return sb.append("</svg>\n").toString();
    }

    /** Where every arrow and label goes (self loops first, then the busiest arrows). */
    static Layout layout(Map<String, Long> transitions) {
        List<LabelPlacer.Box> nodes = new ArrayList<>();
        for (int[] p : POS) {
            nodes.add(LabelPlacer.Box.around(p[0], p[1], 2 * RX, 2 * RY));
        }
        LabelPlacer placer = new LabelPlacer(nodes);
        List<Map.Entry<String, Long>> order = new ArrayList<>(transitions.entrySet());
        order.sort(Comparator.comparing((Map.Entry<String, Long> e) -> !isLoop(e.getKey()))
                .thenComparing(Map.Entry::getValue, Comparator.reverseOrder()).thenComparing(Map.Entry::getKey));
        List<Edge> edges = new ArrayList<>();
        List<LabelPlacer.Box> loops = new ArrayList<>();
        for (Map.Entry<String, Long> e : order) {
            String[] ft = e.getKey().split("->");
            HandoverPhase a = HandoverPhase.valueOf(ft[0]);
            HandoverPhase b = HandoverPhase.valueOf(ft[1]);
            double w = 1 + Math.log10(1 + e.getValue());
            double labelW = 8 + 7 * Long.toString(e.getValue()).length();
            edges.add(a == b ? loop(a, e.getValue(), w, labelW, placer, loops)
                    : arrow(a, b, e.getValue(), w, labelW, placer));
        }
        LabelPlacer.Box all = placer.bounds();
        for (LabelPlacer.Box l : loops) {
            all = union(all, l);
        }
        return new Layout(edges, new LabelPlacer.Box(all.x() - 10, all.y() - 10, all.w() + 20, all.h() + 20));
    }

    private static Edge loop(HandoverPhase p, long count, double w, double labelW, LabelPlacer placer,
                             List<LabelPlacer.Box> loops) {
        int x = POS[p.ordinal()][0];
        double y = POS[p.ordinal()][1] - RY + 2;
        String path = String.format("M%d,%.0f C%d,%.0f %d,%.0f %d,%.0f", x - 12, y, x - 30, y - 40, x + 30, y - 40,
                x + 12, y);
        loops.add(new LabelPlacer.Box(x - 30, y - 40, 60, 40));
        List<double[]> centres = List.of(new double[] {x + 24 + labelW / 2, y - 24}, new double[] {x - 24 - labelW / 2,
            y - 24}, new double[] {x, y - 42 - LABEL_H / 2}, new double[] {x + 24 + labelW / 2, y - 6});
        LabelPlacer.Box box = placer.place(centres, labelW, LABEL_H);
        return new Edge(p, p, count, path, w, box, x + 22, y - 24);
    }

    private static Edge arrow(HandoverPhase a, HandoverPhase b, long count, double w, double labelW,
                              LabelPlacer placer) {
        int[] pa = POS[a.ordinal()];
        int[] pb = POS[b.ordinal()];
        double dx = pb[0] - pa[0];
        double dy = pb[1] - pa[1];
        double len = Math.hypot(dx, dy);
        double ux = dx / len;
        double uy = dy / len;
        double nx = -uy;
        double ny = ux;
        double rim = 1 / Math.sqrt((ux / RX) * (ux / RX) + (uy / RY) * (uy / RY));
        double x1 = pa[0] + ux * (rim + 2) + 5 * nx;
        double y1 = pa[1] + uy * (rim + 2) + 5 * ny;
        double x2 = pb[0] - ux * (rim + 6) + 5 * nx;
        double y2 = pb[1] - uy * (rim + 6) + 5 * ny;
        String path = String.format("M%.1f,%.1f L%.1f,%.1f", x1, y1, x2, y2);
        List<double[]> centres = new ArrayList<>();
        double half = Math.abs(nx) * labelW / 2 + Math.abs(ny) * LABEL_H / 2;
        for (double side : new double[] {1, -1}) {
            for (double t : new double[] {0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78}) {
                for (double d : new double[] {half + 4, half + 14}) {
                    double off = side > 0 ? d : -(d + 10);
                    centres.add(new double[] {x1 + t * (x2 - x1) + off * nx, y1 + t * (y2 - y1) + off * ny});
                }
            }
        }
        LabelPlacer.Box box = placer.place(centres, labelW, LABEL_H);
        return new Edge(a, b, count, path, w, box, (x1 + x2) / 2, (y1 + y2) / 2);
    }

    private static boolean isLoop(String key) {
        String[] ft = key.split("->");
        return ft[0].equals(ft[1]);
    }

    private static LabelPlacer.Box union(LabelPlacer.Box a, LabelPlacer.Box b) {
        double x0 = Math.min(a.x(), b.x());
        double y0 = Math.min(a.y(), b.y());
        double x1 = Math.max(a.x() + a.w(), b.x() + b.w());
        double y1 = Math.max(a.y() + a.h(), b.y() + b.h());
        return new LabelPlacer.Box(x0, y0, x1 - x0, y1 - y0);
    }
}
