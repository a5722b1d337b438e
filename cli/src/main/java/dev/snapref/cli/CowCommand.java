package dev.snapref.cli;

import dev.snapref.engine.block.BlockDevice;
import dev.snapref.engine.block.FileBlockDevice;
import dev.snapref.engine.block.SparseImage;
import dev.snapref.engine.cow.CowImageCheck;
import dev.snapref.engine.cow.CowImageDump;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code snapref cow dump|check IMAGE}: reads a persistent-store cow image (raw, or gzip-compressed
 * such as the goldens' {@code *.img.gz}, recognised by its magic bytes) with the engine's
 * {@link CowImageDump} and {@link CowImageCheck}. Only the header and the metadata areas are read
 * (a large raw file in place, read-only), so an image of any size works with memory in proportion
 * to its exceptions.
 */
@Command(name = "cow", mixinStandardHelpOptions = true, description = "Dump or check a persistent snapshot cow image.",
        subcommands = {CowCommand.Dump.class, CowCommand.Check.class})
public final class CowCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: dump or check");
    }

    /** Raw files up to this size are read whole; larger ones are read where the walk needs them. */
    private static final long READ_WHOLE = 1 << 20;

    /**
     * An image to walk and its length in bytes: a gzip-compressed image (recognised by its magic
     * bytes) is gunzipped into a sparse image, a small raw file is read whole, a large raw file is
     * opened read-only and only its header and metadata areas are ever read, so a TiB-sized sparse
     * cow costs memory in proportion to its exceptions.
     */
    record Loaded(BlockDevice device, long bytes) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (device instanceof FileBlockDevice f) {
                f.close();
            }
        }
    }

    static Loaded load(Path image) {
        try {
            long size = Files.size(image);
            byte[] magic = new byte[2];
            try (InputStream in = Files.newInputStream(image)) {
                in.readNBytes(magic, 0, 2);
            }
            if (size >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(image))) {
                    SparseImage s = SparseImage.read(in);
                    return new Loaded(s, s.bytes());
                }
            }
            if (size <= READ_WHOLE) {
                return new Loaded(SparseImage.of(Files.readAllBytes(image)), size);
            }
            return new Loaded(FileBlockDevice.openReadOnly(image), size);
        } catch (NoSuchFileException e) {
            throw new UsageException(image + ": no such file");
        } catch (IOException e) {
            throw new UsageException(image + ": cannot read: " + e.getMessage());
        }
    }

    @Command(name = "dump", mixinStandardHelpOptions = true, description = "Print the header, metadata areas and exceptions.")
    static final class Dump implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "IMAGE", description = "Raw cow image or .img.gz")
        Path image;

        @Option(names = "--json", description = "JSON instead of text.")
        boolean json;

        @Option(names = "--force", description = "Dump what can be read even when the image is no cow image.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            try (Loaded loaded = load(image)) {
                return dump(loaded);
            }
        }

        private int dump(Loaded loaded) {
            Optional<String> notACow = CowImageDump.notACowImage(loaded.device(), loaded.bytes());
            if (notACow.isPresent() && !force) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(image + ": not a persistent snapshot cow image: " + notACow.get()
                        + " (--force dumps it anyway)");
                err.flush();
                return ExitCode.FAILED;
            }
            CowImageDump d = CowImageDump.of(loaded.device(), loaded.bytes());
            PrintWriter pw = spec.commandLine().getOut();
            pw.print(json ? d.toJson() + "\n" : d.toText());
            pw.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check magic, version, chunk size, terminator, duplicate/out-of-range/metadata chunks; exit 1 with the reason.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "IMAGE", description = "Raw cow image or .img.gz")
        Path image;

        @Override
        public Integer call() throws IOException {
            CowImageCheck.Result r;
            try (Loaded loaded = load(image)) {
                r = CowImageCheck.check(loaded.device(), loaded.bytes());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (r.ok()) {
                out.println(image + ": ok");
                out.flush();
                return ExitCode.OK;
            }
            out.println(image + ": " + r.reason());
            for (int i = 1; i < r.problems().size(); i++) {
                out.println("  also: " + r.problems().get(i));
            }
            out.flush();
            return ExitCode.FAILED;
        }
    }
}
