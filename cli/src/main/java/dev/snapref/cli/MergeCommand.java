package dev.snapref.cli;

import dev.snapref.conformance.fuzz.FuzzCampaign;
import dev.snapref.conformance.fuzz.FuzzSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code snapref merge DIR...}: one summary from the shards' fuzz-summary.txt files. Exit 1 on any failure. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the fuzz-summary.txt of several shards (folders) into one summary.")
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Also save the merged summary in DIR.")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Shard output folders.")
    List<Path> dirs;

    @Override
    public Integer call() throws IOException {
        List<FuzzSummary> parts = new ArrayList<>();
        for (Path d : dirs) {
            Path f = Files.isDirectory(d) ? d.resolve("fuzz-summary.txt") : d;
            if (!Files.isRegularFile(f)) {
                throw new UsageException("no fuzz summary at " + f);
            }
            parts.add(FuzzSummary.load(f));
        }
        FuzzSummary merged = FuzzSummary.merge(parts);
        if (out != null) {
            merged.save(out, FuzzCampaign.clausesKnown());
        }
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(merged.render(FuzzCampaign.clausesKnown()));
        pw.flush();
        return merged.failures().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }
}
