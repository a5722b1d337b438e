package dev.snapref.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed scenario script: its name (file name or a label) and its commands in order.
 * Comments and blank lines are not kept; {@link #render()} prints the canonical script.
 */
public record Script(String name, List<ScriptLine> lines) {
    public Script {
        lines = List.copyOf(lines);
    }

    /** Reads and parses a script file (UTF-8); errors name the file, line and column. */
    public static Script load(Path file) throws IOException, ScriptError {
        String text = Utf8Text.decode(file.toString(), Files.readAllBytes(file));
        return ScriptParser.parse(file.toString(), text);
    }

    /** A script made of commands (for generated scripts); lines are numbered from 1. */
    public static Script of(String name, List<Command> commands) {
        List<ScriptLine> out = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            out.add(new ScriptLine(i + 1, commands.get(i)));
        }
        return new Script(name, out);
    }

    /** The commands alone, in order. */
    public List<Command> commands() {
        return lines.stream().map(ScriptLine::command).toList();
    }

    /** The script in canonical form: one echoed command per line, newline-terminated. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (ScriptLine l : lines) {
            sb.append(l.command().echo()).append('\n');
        }
        return sb.toString();
    }
}
