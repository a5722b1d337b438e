package dev.snapref.engine;

import dev.snapref.engine.kernel.DmException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A minimal, test-only scenario runner for the engine (the engine may not depend on the scenario
 * module): parses the script format of scenario-format.md, drives a {@link DeviceMapper} and
 * prints the canonical transcript. The conformance module's adapter is the real meeting point.
 */
final class TestScripts {
    private static final Pattern SECTOR = Pattern.compile("([A-Za-z0-9_.-]{1,32})@(0|[1-9][0-9]*)");

    private TestScripts() {
    }

    static Path kernelTranscripts() {
        String root = System.getProperty("snapref.root");
        Path p = root == null ? null : Paths.get(root, "testdata", "kernel-transcripts");
        if (p != null && Files.isDirectory(p)) {
            return p;
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path c = dir.resolve("testdata/kernel-transcripts");
            if (Files.isDirectory(c)) {
                return c;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("testdata/kernel-transcripts not found");
    }

    static byte[] gunzip(Path p) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Result of running a script: transcript text and final disk images. */
    record Run(String transcript, Map<String, byte[]> disks, DeviceMapper dm) {
    }

    static Run run(String script) {
        DeviceMapper dm = new DeviceMapper();
        StringBuilder out = new StringBuilder();
        List<String> diskNames = new ArrayList<>();
        for (String raw : script.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> w = words(line);
            out.append("$ ").append(echo(w)).append('\n');
            List<String> lines = new ArrayList<>();
            String result;
            try {
                result = execute(dm, w, lines, diskNames);
            } catch (DmException e) {
                result = "error " + e.errno().name();
            }
            for (String l : lines) {
                out.append("  ").append(l).append('\n');
            }
            for (String k : dm.log().drain()) {
                out.append("  kmsg: ").append(k).append('\n');
            }
            out.append("  -> ").append(result).append('\n');
        }
        Map<String, byte[]> disks = new LinkedHashMap<>();
        for (String d : diskNames) {
            disks.put(d, dev.snapref.engine.block.BlockDevices.image(dm.disk(d)));
        }
        return new Run(out.toString(), disks, dm);
    }

    private static String execute(DeviceMapper dm, List<String> w, List<String> lines, List<String> diskNames)
            throws DmException {
        switch (w.get(0)) {
            case "disk":
                dm.addDisk(w.get(1), Long.parseLong(w.get(2)));
                diskNames.add(w.get(1));
                return "ok";
            case "write": {
                if (dm.isSuspended(w.get(1))) {
                    return "blocked";
                }
                long s = Long.parseLong(w.get(2));
                int n = Integer.parseInt(w.get(3));
                byte[] data = new byte[n * 512];
                for (int i = 0; i < n; i++) {
                    byte[] t = (w.get(4) + "@" + (s + i)).getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(t, 0, data, i * 512, t.length);
                }
                dm.write(w.get(1), s, data);
                return "ok";
            }
            case "read": {
                if (dm.isSuspended(w.get(1))) {
                    return "blocked";
                }
                long s = Long.parseLong(w.get(2));
                byte[] data = dm.read(w.get(1), s, Integer.parseInt(w.get(3)));
                lines.addAll(runs(s, data));
                return "ok";
            }
            case "dmsetup":
                return dmsetup(dm, w.subList(1, w.size()), lines);
            default:
                throw new IllegalArgumentException("unknown command " + w);
        }
    }

    private static String dmsetup(DeviceMapper dm, List<String> w, List<String> lines) throws DmException {
        String verb = w.get(0);
        boolean inactive = w.contains("--inactive");
        String name = w.get(w.size() - 1);
        switch (verb) {
            case "create":
                if (w.contains("--notable")) {
                    dm.createNoTable(w.get(1));
                } else {
                    dm.create(w.get(1), w.get(3));
                }
                return "ok";
            case "load":
                dm.load(w.get(1), w.get(3));
                return "ok";
            case "suspend":
                dm.suspend(name);
                return "ok";
            case "resume":
                dm.resume(name);
                return "ok";
            case "remove":
                dm.remove(name);
                return "ok";
            case "status":
                add(lines, dm.status(name, inactive));
                return "ok";
            case "table":
                add(lines, dm.table(name, inactive));
                return "ok";
            case "info": {
                DeviceInfo i = dm.info(name);
                lines.add("State: " + (i.suspended() ? "SUSPENDED" : "ACTIVE"));
                String t = i.live() && i.inactive() ? "LIVE & INACTIVE" : i.live() ? "LIVE" : i.inactive() ? "INACTIVE" : "None";
                lines.add("Tables present: " + t);
                return "ok";
            }
            default:
                throw new IllegalArgumentException("unknown dmsetup verb " + verb);
        }
    }

    private static void add(List<String> lines, Optional<String> s) {
        s.filter(x -> !x.isEmpty()).ifPresent(lines::add);
    }

    /** Classifies sectors into runs as the transcript prints them. */
    static List<String> runs(long first, byte[] data) {
        List<String> out = new ArrayList<>();
        int n = data.length / 512;
        int i = 0;
        while (i < n) {
            Object[] c = classify(data, i);
            int j = i + 1;
            while (j < n && continues(c, classify(data, j), j - i)) {
                j++;
            }
            long s = first + i;
            long e = first + j - 1;
            String what;
            if (c == null) {
                what = "zero";
            } else if (c.length == 0) {
                what = "?";
            } else {
                long k = (Long) c[1];
                what = k == s ? (String) c[0] : c[0] + "@" + k;
            }
            out.add(s + "-" + e + " " + what);
            i = j;
        }
        return out;
    }

    private static boolean continues(Object[] a, Object[] b, int distance) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        if (a.length == 0 || b.length == 0) {
            return a.length == 0 && b.length == 0;
        }
        return a[0].equals(b[0]) && (Long) b[1] == (Long) a[1] + distance;
    }

    /** null = zero, empty = other, {label, k} = pattern. */
    private static Object[] classify(byte[] d, int sector) {
        int off = sector * 512;
        int end = off;
        while (end < off + 512 && d[end] != 0) {
            end++;
        }
        for (int x = end; x < off + 512; x++) {
            if (d[x] != 0) {
                return new Object[0];
            }
        }
        if (end == off) {
            return null;
        }
        Matcher m = SECTOR.matcher(new String(d, off, end - off, StandardCharsets.ISO_8859_1));
        if (!m.matches()) {
            return new Object[0];
        }
        try {
            return new Object[] {m.group(1), Long.parseLong(m.group(2))};
        } catch (NumberFormatException e) {
            return new Object[0];
        }
    }

    private static String echo(List<String> w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            boolean table = i > 0 && w.get(i - 1).equals("--table");
            sb.append(table ? "'" + w.get(i) + "'" : w.get(i));
        }
        return sb.toString();
    }

    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        boolean quoted = false;
        for (char ch : line.toCharArray()) {
            if (quoted) {
                if (ch == '\'') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '\'') {
                quoted = true;
                if (cur == null) {
                    cur = new StringBuilder();
                }
            } else if (Character.isWhitespace(ch)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                cur.append(ch);
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }
}
