package dev.snapref.conformance.report;

import dev.snapref.conformance.diff.LineDiff;
import java.util.List;

/**
 * The failures of {@code report.md}, one part per failing clause: the clause and its kernel
 * reference, the best failure's headline, its reproducer inline with the replay command, what
 * failed, and (collapsed) the abstract states and transcripts as unified diffs; the clause's
 * other failures collapsed as lines. {@link #clause} with {@code full = false} drops the diffs and
 * long scripts, for a comment that must stay short ({@link MarkdownReport}).
 */
final class MarkdownFailures {
    /** Script lines shown inline in the short form. */
    static final int SHORT_SCRIPT_LINES = 40;

    private MarkdownFailures() {
    }

    static String clause(ClauseResult c, ClauseTrend trend, boolean full) {
        StringBuilder sb = new StringBuilder("### \u274c ").append(Md.text(c.clause().id())).append(" \u2014 ")
                .append(c.details().size()).append(c.details().size() == 1 ? " failure" : " failures")
                .append(trend == ClauseTrend.UNCHANGED ? "" : " (" + trend.label() + ")").append("\n\n")
                .append(Md.text(c.clause().text())).append("  \nkernel: ").append(Md.code(c.clause().kernelFunction()))
                .append("\n\n");
        List<FailureDetail> ordered = HtmlFailures.best(c.details());
        detail(sb, ordered.get(0), full);
        if (ordered.size() > 1) {
            sb.append("<details><summary>").append(ordered.size() - 1).append(" more of ")
                    .append(Xml.esc(c.clause().id())).append("</summary>\n\n");
            for (FailureDetail d : ordered.subList(1, ordered.size())) {
                sb.append("- ").append(Md.text(d.summary()));
                if (d.reproducer() != null) {
                    sb.append(" \u2014 replay: ").append(Md.code(d.reproducer().replay()));
                }
                sb.append('\n');
            }
            sb.append("\n</details>\n\n");
        }
        return sb.toString();
    }

    private static void detail(StringBuilder sb, FailureDetail d, boolean full) {
        sb.append("**").append(Md.text((d.source().isEmpty() ? "" : d.source() + ": ") + d.headline())).append("**\n\n");
        if (d.reproducer() != null) {
            Reproduction r = d.reproducer();
            sb.append("Reproducer ").append(Md.code(r.path()))
                    .append(r.shrinkText().isEmpty() ? "" : " (" + r.shrinkText() + ")").append(", replay with ")
                    .append(Md.code(r.replay())).append(":\n\n");
            List<String> lines = SideBySide.lines(r.script());
            if (!full && lines.size() > SHORT_SCRIPT_LINES) {
                lines = lines.subList(0, SHORT_SCRIPT_LINES);
                sb.append(Md.block(String.join("\n", lines) + "\n# ... (see the file)", ""));
            } else {
                sb.append(Md.block(r.script(), ""));
            }
            sb.append('\n');
        }
        if (!d.fact().isEmpty() || !d.detailed()) {
            sb.append("What failed").append(d.kind().isEmpty() ? "" : " (" + Md.text(d.kind()) + ")").append(":\n\n")
                    .append(Md.block(d.fact().isEmpty() ? d.summary() : d.fact(), "")).append('\n');
        }
        if (full && d.states() != null && !d.states().same()) {
            collapsed(sb, "Abstract state" + (d.step() > 0 ? " at step " + d.step() : "") + ": "
                    + d.states().leftName() + " vs " + d.states().rightName(), d.states());
        }
        if (full && d.transcripts() != null && !d.transcripts().same()) {
            collapsed(sb, "Transcripts: " + d.transcripts().leftName() + " vs " + d.transcripts().rightName(),
                    d.transcripts());
        }
    }

    private static void collapsed(StringBuilder sb, String title, TextPair p) {
        String diff = LineDiff.unified(p.leftName(), SideBySide.lines(p.left()), p.rightName(),
                SideBySide.lines(p.right()));
        sb.append("<details><summary>").append(Xml.esc(title)).append("</summary>\n\n").append(Md.block(diff, "diff"))
                .append("\n</details>\n\n");
    }
}
