package dev.snapref.engine;

import java.nio.charset.StandardCharsets;

/** Test helpers: the script sector pattern {@code LABEL@N}. */
final class Patterns {
    private Patterns() {
    }

    static byte[] fill(String label, long sector, int count) {
        byte[] out = new byte[count * 512];
        for (int i = 0; i < count; i++) {
            byte[] t = (label + "@" + (sector + i)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(t, 0, out, i * 512, t.length);
        }
        return out;
    }

    /** The label of sector i of data, or "zero", or "?" (for assertions). */
    static String at(byte[] data, int i) {
        int off = i * 512;
        int end = off;
        while (end < off + 512 && data[end] != 0) {
            end++;
        }
        if (end == off) {
            return "zero";
        }
        return new String(data, off, end - off, StandardCharsets.US_ASCII);
    }
}
