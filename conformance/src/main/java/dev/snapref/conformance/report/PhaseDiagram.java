package dev.snapref.conformance.report;

import java.util.Map;

/**
 * Draws the handover-phase coverage as SVG: the five pairing states of a cow as nodes, each
 * observed transition as an arrow whose width grows with its count (log scale) and whose label
 * is the count. States never reached are drawn dashed: a gap in the run's coverage.
 */
final class PhaseDiagram {
    private static final int[][] POS = {{80, 190}, {280, 90}, {520, 90}, {520, 290}, {280, 290}};

    private PhaseDiagram() {
    }

    static String svg(Map<String, Long> transitions) {
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"340\" font-family=\"sans-serif\" "
                + "font-size=\"12\">\n<defs><marker id=\"a\" markerWidth=\"9\" markerHeight=\"9\" refX=\"8\" refY=\"4\" "
                + "orient=\"auto\" markerUnits=\"userSpaceOnUse\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#555\"/></marker></defs>\n");
        HandoverPhase[] phases = HandoverPhase.values();
        for (Map.Entry<String, Long> e : transitions.entrySet()) {
            String[] ft = e.getKey().split("->");
            int a = HandoverPhase.valueOf(ft[0]).ordinal();
            int b = HandoverPhase.valueOf(ft[1]).ordinal();
            double w = 1 + Math.log10(1 + e.getValue());
            if (a == b) {
                int x = POS[a][0];
                int y = POS[a][1] - 26;
                sb.append(String.format("<path d=\"M%d,%d C%d,%d %d,%d %d,%d\" fill=\"none\" stroke=\"#555\" "
                                + "stroke-width=\"%.1f\" marker-end=\"url(#a)\"/>%n", x - 12, y, x - 30, y - 40,
                        x + 30, y - 40, x + 12, y, w));
                sb.append(String.format("<text x=\"%d\" y=\"%d\" fill=\"#225\">%d</text>%n", x + 26, y - 22,
                        e.getValue()));
                continue;
            }
            double[] p = shorten(POS[a], POS[b], 42);
            double off = a < b ? 6 : -6;
            sb.append(String.format("<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#555\" "
                            + "stroke-width=\"%.1f\" marker-end=\"url(#a)\"/>%n", p[0] + off, p[1] + off, p[2] + off,
                    p[3] + off, w));
            sb.append(String.format("<text x=\"%.0f\" y=\"%.0f\" fill=\"#225\">%d</text>%n", (p[0] + p[2]) / 2 + 2 * off,
                    (p[1] + p[3]) / 2 + 2 * off, e.getValue()));
        }
        for (HandoverPhase ph : phases) {
            boolean reached = transitions.keySet().stream().anyMatch(k -> k.endsWith("->" + ph.name())
                    || k.startsWith(ph.name() + "->"));
            int[] c = POS[ph.ordinal()];
            sb.append(String.format("<ellipse cx=\"%d\" cy=\"%d\" rx=\"48\" ry=\"24\" fill=\"%s\" stroke=\"#333\" %s/>%n",
                    c[0], c[1], reached ? "#cfe8cf" : "#fff", reached ? "" : "stroke-dasharray=\"4 3\""));
            sb.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", c[0], c[1] + 4,
                    Xml.esc(ph.label())));
        }
        return sb.append("</svg>\n").toString();
    }

    private static double[] shorten(int[] a, int[] b, double by) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double len = Math.sqrt(dx * dx + dy * dy);
        double ux = dx / len;
        double uy = dy / len;
        return new double[] {a[0] + ux * by, a[1] + uy * by * 0.6, b[0] - ux * by, b[1] - uy * by * 0.6};
    }
}
