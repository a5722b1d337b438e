package dev.snapref.scenario;

import java.util.List;

/**
 * What one command printed: its echo, its output lines (status, table, info, read runs), the
 * kernel messages it caused (without the {@code kmsg: } prefix) and its outcome.
 */
public record TranscriptStep(String echo, List<String> output, List<String> kmsg, Outcome outcome) {
    public TranscriptStep {
        output = List.copyOf(output);
        kmsg = List.copyOf(kmsg);
        assert output.stream().noneMatch(String::isEmpty) : "empty lines are never printed";
    }

    public static TranscriptStep ok(Command c, List<String> output) {
        return new TranscriptStep(c.echo(), output, List.of(), Outcome.OK);
    }

    /** This step in canonical transcript form, newline-terminated. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("$ ").append(echo).append('\n');
        for (String o : output) {
            sb.append("  ").append(o).append('\n');
        }
        for (String k : kmsg) {
            sb.append("  kmsg: ").append(k).append('\n');
        }
        sb.append("  -> ").append(outcome.text()).append('\n');
        return sb.toString();
    }
}
