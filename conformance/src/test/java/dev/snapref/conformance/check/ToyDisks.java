package dev.snapref.conformance.check;

import dev.snapref.model.WorldAbstraction;
import dev.snapref.conformance.targets.SteppableTarget;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.conformance.targets.TargetSession;
import dev.snapref.scenario.Command;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.Errno;
import dev.snapref.scenario.Outcome;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.ReadRuns;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.SectorContent;
import dev.snapref.scenario.Transcript;
import dev.snapref.scenario.TranscriptStep;
import dev.snapref.scenario.WriteCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A toy target for testing the checking machinery itself: raw disks only (every dmsetup
 * command answers ok), sector patterns kept in maps. {@code plantedBug} makes writes of more
 * than 16 sectors drop their last sector, a divergence the checker must find and the shrinker
 * must reduce.
 */
final class ToyDisks implements SteppableTarget {
    private final String name;
    private final boolean plantedBug;
    private final boolean brokenInvariant;

    ToyDisks(String name, boolean plantedBug, boolean brokenInvariant) {
        this.name = name;
        this.plantedBug = plantedBug;
        this.brokenInvariant = brokenInvariant;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TargetRun run(Script script) {
        List<TranscriptStep> steps = new ArrayList<>();
        try (TargetSession s = open()) {
            script.commands().forEach(c -> steps.add(s.apply(c)));
        }
        return new TargetRun(new Transcript(steps), Map.of());
    }

    @Override
    public TargetSession open() {
        return new Session();
    }

    private final class Session implements TargetSession, InvariantChecking {
        private final Map<String, Long> sizes = new HashMap<>();
        private final Map<String, TreeMap<Long, SectorContent>> data = new HashMap<>();
        private long writes;

        @Override
        public TranscriptStep apply(Command c) {
            if (c instanceof DiskCommand d) {
                sizes.put(d.name(), d.sectors());
                data.put(d.name(), new TreeMap<>());
            } else if (c instanceof WriteCommand w && w.device().kind().name().equals("DISK")) {
                return write(w);
            } else if (c instanceof ReadCommand r && r.device().kind().name().equals("DISK")) {
                List<SectorContent> got = diskContents(r.device().name(), r.sector(),
                        (int) Math.max(0, Math.min(r.count(), sizes.get(r.device().name()) - r.sector())));
                return new TranscriptStep(c.echo(), ReadRuns.format(r.sector(), got), List.of(), Outcome.OK);
            }
            return TranscriptStep.ok(c, List.of());
        }

        private TranscriptStep write(WriteCommand w) {
            writes++;
            long size = sizes.get(w.device().name());
            long n = plantedBug && w.count() > 16 ? w.count() - 1 : w.count();
            for (long s = w.sector(); s < w.sector() + n && s < size; s++) {
                data.get(w.device().name()).put(s, new SectorContent.Pattern(w.label(), s));
            }
            Outcome o = w.sector() + w.count() > size ? Outcome.error(Errno.ENOSPC) : Outcome.OK;
            return new TranscriptStep(w.echo(), List.of(), List.of(), o);
        }

        @Override
        public WorldAbstraction world() {
            return WorldAbstraction.EMPTY;
        }

        @Override
        public List<SectorContent> diskContents(String disk, long first, int count) {
            List<SectorContent> out = new ArrayList<>(count);
            for (long s = first; s < first + count; s++) {
                out.add(data.get(disk).getOrDefault(s, SectorContent.ZERO));
            }
            return out;
        }

        @Override
        public List<InvariantViolation> violations() {
            return brokenInvariant && writes >= 3
                    ? List.of(new InvariantViolation("TOY-1", "fewer than three writes", "writes=" + writes)) : List.of();
        }
    }
}
