package dev.snapref.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snapref.model.explore.ExplorerConfig;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.InfoCommand;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.StatusCommand;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Model#next} (with its fast path) agrees with {@link Model#step} on every explored state and command. */
class ModelNextTest {
    @Test
    void nextIsTheStepsState() {
        ExplorerConfig config = ExplorerConfig.defaults();
        List<Command> commands = new ArrayList<>(config.alphabet());
        commands.add(new ReadCommand(DevicePath.mapper("s1"), 0, 8));
        commands.add(new StatusCommand("s2", false));
        commands.add(new InfoCommand("origin"));
        ModelState start = ModelState.initial();
        for (Command c : config.prefix()) {
            start = Model.step(start, c).next();
        }
        Set<ModelState> level = new LinkedHashSet<>(List.of(start));
        int checked = 0;
        int fast = 0;
        for (int depth = 0; depth < 3; depth++) {
            Set<ModelState> next = new LinkedHashSet<>();
            for (ModelState s : level) {
                for (Command c : commands) {
                    ModelState stepped = Model.step(s, c).next();
                    assertEquals(stepped, Model.next(s, c), c.echo() + " from " + s);
                    fast += Model.changesNothing(s, c) ? 1 : 0;
                    checked++;
                    next.add(stepped);
                }
            }
            level = next;
        }
        assertTrue(checked > 5_000 && fast > 1_000, checked + " checked, " + fast + " by the fast path");
    }
}
