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

    private static String classify(byte[] data, int off, long sector) {
        int end = off;
        while (end < off + SIZE && data[end] != 0) {
            end++;
        }
        for (int i = end; i < off + SIZE; i++) {
            if (data[i] != 0) {
                return "?";
            }
        }
        if (end == off) {
            return "ZERO";
        }
        String text = new String(data, off, end - off, StandardCharsets.US_ASCII);
        String suffix = "@" + sector;
        if (!text.endsWith(suffix) || text.length() == suffix.length()) {
            return "?";
        }
        return text.substring(0, text.length() - suffix.length());
    }
}
