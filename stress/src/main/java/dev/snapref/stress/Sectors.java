package dev.snapref.stress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario format's sector patterns, reduced to what the races observe: a write of LABEL
 * puts {@code LABEL@N} (then NUL bytes) into each absolute sector N; a read is summarised as the
 * labels of its runs, e.g. {@code PRE}, {@code SNAP+PRE}, {@code ZERO}, {@code NEW+?}.
 */
public final class Sectors {
    /** Bytes per sector. */
    public static final int SIZE = 512;

    private Sectors() {
    }

    /** The data of a write of {@code count} sectors of {@code label} starting at sector {@code first}. */
    public static byte[] pattern(String label, long first, int count) {
        byte[] data = new byte[count * SIZE];
        for (int i = 0; i < count; i++) {
            byte[] text = (label + "@" + (first + i)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, data, i * SIZE, text.length);
        }
        return data;
    }

    /**
     * Summarises {@code data}, read from sector {@code first}: the label of each run of sectors in
     * order, joined by {@code +}; an all-zero sector is {@code ZERO}, a sector that holds a label
     * of another sector or anything else is {@code ?}. An empty read is {@code EMPTY}.
     */
    public static String summary(byte[] data, long first) {
        if (data.length == 0) {
            return "EMPTY";
        }
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < data.length / SIZE; i++) {
            String s = classify(data, i * SIZE, first + i);
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(s)) {
                runs.add(s);
            }
        }
        if (data.length % SIZE != 0) {
            runs.add("?");
        }
        return String.join("+", runs);
    }

    /** {@value #SIZE} NUL characters. */
    private static final String NULS = "\0".repeat(SIZE);

    /*
     * String operations rather than a byte loop: java.lang.String is not instrumented by
     * Lincheck, whose model checker otherwise takes a 512-step loop over a shared array for a
     * livelock (EngineLincheckTest).
     */
    private static String classify(byte[] data, int off, long sector) {
        String text = new String(data, off, SIZE, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\0');
        if (end < 0) {
            return "?";
        }
        if (!text.regionMatches(end, NULS, end, SIZE - end)) {
            return "?";
        }
        if (end == 0) {
            return "ZERO";
        }
        String label = text.substring(0, end);
        String suffix = "@" + sector;
        if (!label.endsWith(suffix) || label.length() == suffix.length()) {
            return "?";
        }
        return label.substring(0, label.length() - suffix.length());
    }
}
