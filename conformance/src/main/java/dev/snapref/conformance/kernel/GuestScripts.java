package dev.snapref.conformance.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shell scripts that fetch kernels and build guests (resources beside this class), written
 * out to a folder and run there. {@link #hash()} changes whenever any of them does, so a guest
 * built by older scripts is never reused.
 */
final class GuestScripts {
    static final String RESOURCE_DIR = "/dev/snapref/conformance/kernel/";
    static final List<String> RESOURCES = List.of("build-guest.sh", "fetch-kernel.sh", "guest-modules.sh",
            "guest-init.sh", "guest-lib.sh");

    /** What a script printed (stdout and stderr merged) and its exit code. */
    record Result(int exit, String output) {
    }

    private GuestScripts() {
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = GuestScripts.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCE_DIR + name);
            }
            return in.readAllBytes();
        }
    }

    /** A hash of every script: part of each guest's cache key. */
    static String hash() {
        List<Object> parts = new ArrayList<>();
        try {
            for (String r : RESOURCES) {
                parts.add(r);
                parts.add(resource(r));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the guest scripts", e);
        }
        return Hashing.sha256(parts.toArray());
    }

    /**
     * Writes the scripts into {@code dir/scripts} and runs {@code bash dir/scripts/SCRIPT ARGS...}
     * with at most {@code minutes} of wall time, its output in {@code dir/NAME.log}.
     */
    static Result run(Path dir, String script, List<String> args, int minutes) throws IOException, InterruptedException {
        Path scripts = dir.resolve("scripts");
        Files.createDirectories(scripts);
        for (String r : RESOURCES) {
            Files.write(scripts.resolve(r), resource(r));
        }
        List<String> cmd = new ArrayList<>(List.of("bash", scripts.resolve(script).toString()));
        cmd.addAll(args);
        Path log = dir.resolve(script.replace(".sh", ".log"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new KernelTargetUnavailableException(script + " took over " + minutes + " minutes; log: " + log);
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8).strip());
    }
}
