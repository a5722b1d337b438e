package dev.snapref.cli;

import dev.snapref.conformance.batch.BatchChecker;
import dev.snapref.conformance.conform.Corpus;
import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.FuzzSummary;
import dev.snapref.conformance.fuzz.KernelFuzzCampaign;
import dev.snapref.conformance.fuzz.Seeds;
import dev.snapref.conformance.fuzz.Shard;
import dev.snapref.conformance.gen.GeneratorConfig;
import dev.snapref.conformance.kernel.KernelTarget;
import dev.snapref.conformance.kernel.KnownDifferences;
import dev.snapref.conformance.targets.SteppableTarget;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * {@code snapref fuzz --target kernel [--kernel K]}: generated scripts on the real kernel against
 * the model, in batches; each distinct divergence shrunk on the kernel and saved as a
 * reproducer (printed). Exit 1 on any divergence. The scripts are the engine fuzzer's: LVM stacks
 * for one seed in three, and each seed's swarm settings (unaligned sizes, small and large chunk
 * families, snapshot features, bulk writes), on small disks.
 */
final class KernelFuzz {
    private KernelFuzz() {
    }

    static int run(FuzzCommand cmd, Shard shard, Long scripts, Double seconds) throws IOException {
        if (cmd.target.bug != null) {
            throw new UsageException("--bug is for the engine; the kernel target has no bug switches");
        }
        if (cmd.target.kernel.all().size() > 1) {
            throw new UsageException("fuzz takes one --kernel (conform compares kernels)");
        }
        if (cmd.mode.faults || cmd.mode.crash || cmd.mode.corruptImages) {
            throw new UsageException("the fault modes are for the engine");
        }
        SteppableTarget model = CheckedTargets.steppable(cmd.target, "model");
        KernelTarget kernel = (KernelTarget) cmd.target.create("kernel");
        FuzzCampaign.Config config = new FuzzCampaign.Config(Seeds.parse(cmd.seed), cmd.seed, scripts, seconds, shard,
                cmd.out, null, GeneratorConfig.withShapes(Math.min(5, cmd.maxSteps), cmd.maxSteps), 0, false);
        KernelFuzzCampaign campaign = new KernelFuzzCampaign(config, model, new BatchChecker(model, kernel),
                kernel.guest().description(), cmd.quiet ? null : System.err)
                .withKnownDifferences(() -> knownDifferences(kernel));
        FuzzSummary summary = campaign.run();
        summary.save(cmd.out, FuzzCampaign.clausesKnown());
        PrintWriter pw = cmd.spec.commandLine().getOut();
        pw.print(summary.render(FuzzCampaign.clausesKnown()));
        pw.printf("kernel %s: %.1f scripts/min%n", kernel.guest().description(),
                summary.scripts() * 60e9 / Math.max(1, summary.nanos()));
        if (campaign.knownDifferences() > 0) {
            pw.printf("known differences %d (%s: scripts that differ from the model only as stated there)%n",
                    campaign.knownDifferences(), campaign.knownDifferencesSource());
        }
        if (campaign.otherRaceOutcomes() > 0) {
            pw.printf("other race outcomes %d (scripts that print the model's transcript under another outcome of the "
                    + "split-write race, SplitWriteRace: legal Linux 6.1 behaviour)%n", campaign.otherRaceOutcomes());
        }
        for (String u : campaign.unfinished()) {
            pw.println("unfinished " + u);
        }
        pw.flush();
        return summary.failures().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** The known differences of the booted kernel's series from this checkout's goldens (none without testdata/). */
    private static KnownDifferences knownDifferences(KernelTarget kernel) {
        java.util.Optional<java.nio.file.Path> td = Corpus.findTestdata();
        if (td.isEmpty()) {
            return KnownDifferences.NONE;
        }
        try {
            return KnownDifferences.forRelease(java.util.List.of(td.get().resolve("goldens")), kernel.release().orElse(""));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
