package dev.snapref.conformance.fault;

import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.Script;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated script with every snapshot table's chunk size set to one sector, so that a
 * metadata area holds 32 exceptions and ordinary origin writes (8 to 64 sectors) fill areas:
 * what the store does when an area fills (zero the next one, write the full one, move on) is
 * exercised on every such script. Tables that are not {@code snapshot} lines stay as they are.
 */
final class SmallChunks {
    private SmallChunks() {
    }

    /** {@code script} with chunk size 1 in its snapshot tables. */
    static Script of(Script script) {
        List<Command> out = new ArrayList<>();
        for (Command c : script.commands()) {
            if (c instanceof CreateCommand cc) {
                out.add(new CreateCommand(cc.name(), table(cc.table())));
            } else if (c instanceof LoadCommand lc) {
                out.add(new LoadCommand(lc.name(), table(lc.table())));
            } else {
                out.add(c);
            }
        }
        return Script.of(script.name(), out);
    }

    private static String table(String table) {
        String[] w = table.trim().split("\\s+");
        if (w.length < 7 || !w[2].equals("snapshot")) {
            return table;
        }
        w[6] = "1";
        return String.join(" ", w);
    }
}
