package dev.snapref.conformance.conform;

import dev.snapref.conformance.clause.StepContext;
import dev.snapref.conformance.report.HandoverPhase;
import dev.snapref.model.DeviceAbstraction;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.CreateNoTableCommand;
import dev.snapref.scenario.DevicePath;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.InfoCommand;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.RemoveCommand;
import dev.snapref.scenario.ResumeCommand;
import dev.snapref.scenario.StatusCommand;
import dev.snapref.scenario.SuspendCommand;
import dev.snapref.scenario.TableCommand;
import dev.snapref.scenario.WriteCommand;

/**
 * The class of a model transition, for coverage: the command's kind (I/O by the kind of device it
 * reaches: origin, snapshot, disk, none), its outcome ({@code ok}, the errno, {@code blocked}),
 * and the handover phase of the {@code cow} disk when the step changed it, e.g.
 * {@code resume -> ok [PAIRED->HANDED_OVER]} or {@code write snapshot -> EIO}. Two steps of one
 * class exercise the same transition of the model; the set of classes a phase reached is its
 * transition coverage.
 */
final class TransitionClass {
    private TransitionClass() {
    }

    static String of(StepContext ctx) {
        String s = kind(ctx) + " -> " + outcome(ctx);
        HandoverPhase from = HandoverPhase.of(ctx.before(), "cow");
        HandoverPhase to = HandoverPhase.of(ctx.after(), "cow");
        return from == to ? s : s + " [" + from.name() + "->" + to.name() + "]";
    }

    private static String outcome(StepContext ctx) {
        String t = ctx.step().outcome().text();
        return t.startsWith("error ") ? t.substring("error ".length()) : t;
    }

    private static String kind(StepContext ctx) {
        Command c = ctx.command();
        if (c instanceof WriteCommand w) {
            return "write " + device(ctx, w.device());
        }
        if (c instanceof ReadCommand r) {
            return "read " + device(ctx, r.device());
        }
        if (c instanceof DiskCommand) {
            return "disk";
        }
        if (c instanceof CreateNoTableCommand) {
            return "create --notable";
        }
        return c instanceof CreateCommand ? "create" : c instanceof LoadCommand ? "load"
                : c instanceof SuspendCommand ? "suspend" : c instanceof ResumeCommand ? "resume"
                : c instanceof RemoveCommand ? "remove" : c instanceof StatusCommand ? "status"
                : c instanceof TableCommand ? "table" : c instanceof InfoCommand ? "info" : c.getClass().getSimpleName();
    }

    private static String device(StepContext ctx, DevicePath p) {
        if (p.kind() == DevicePath.Kind.DISK) {
            return "disk";
        }
        DeviceAbstraction d = ctx.before().device(p.name()).orElse(null);
        if (d == null) {
            return "none";
        }
        return d.liveSnapshot().isPresent() ? "snapshot" : d.liveOrigin().isPresent() ? "origin" : "tableless";
    }
}
