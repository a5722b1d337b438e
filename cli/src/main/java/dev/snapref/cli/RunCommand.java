package dev.snapref.cli;

import dev.snapref.conformance.targets.Target;
import dev.snapref.conformance.targets.TargetRun;
import dev.snapref.engine.block.SparseImage;
import dev.snapref.scenario.Script;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code snapref run --target T SCRIPT...}: prints each script's canonical transcript. Exit 1 when
 * the target found an API problem the transcript cannot show (the engine: a read that returned
 * another count than it read), each named on stderr; else 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run scenario scripts on one target and print their canonical transcripts.",
            "Exit 1 when the engine's API answered wrongly where the transcript cannot show it (named on stderr)."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetMixin target;

    @Option(names = "--keep-disks", paramLabel = "DIR",
            description = "Write DIR/NAME.img for each disk of the last script (raw bytes, declared size, "
                    + "as a sparse file: only the data is written, the zeros are holes).")
    Path keepDisks;

    @Parameters(arity = "1..*", paramLabel = "SCRIPT", description = "Script files (.dms) or folders of them.")
    List<Path> scripts;

    @Override
    public Integer call() throws IOException {
        target.oneKernel("run");
        List<Script> loaded = ScriptFiles.load(scripts);
        Target t = target.create();
        List<TargetRun> runs = t.runAll(loaded);
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < runs.size(); i++) {
            if (runs.size() > 1) {
                out.println("# " + loaded.get(i).name());
            }
            out.print(runs.get(i).transcript().render());
        }
        out.flush();
        int problems = 0;
        for (int i = 0; i < runs.size(); i++) {
            for (String p : runs.get(i).apiProblems()) {
                spec.commandLine().getErr().println("API problem in " + loaded.get(i).name() + ": " + p);
                problems++;
            }
        }
        spec.commandLine().getErr().flush();
        if (keepDisks != null && !runs.isEmpty()) {
            writeDisks(runs.get(runs.size() - 1).disks(), keepDisks);
        }
        return problems == 0 ? ExitCode.OK : ExitCode.FAILED;
    }

    static void writeDisks(Map<String, SparseImage> disks, Path dir) throws IOException {
        if (disks.isEmpty()) {
            throw new UsageException("this target keeps no disk images");
        }
        Files.createDirectories(dir);
        for (Map.Entry<String, SparseImage> e : disks.entrySet()) {
            Path file = dir.resolve(e.getKey() + ".img");
            try {
                e.getValue().writeTo(file);
            } catch (IOException failed) {
                throw new UsageException("cannot write " + file + " (" + e.getValue().bytes() + " bytes, sparse): "
                        + failed.getMessage() + (failed.getMessage() != null && failed.getMessage().contains("too large")
                        ? " - the file system's largest file is smaller (ext4: 16 TiB; xfs and btrfs hold more)" : ""));
            }
        }
    }
}
