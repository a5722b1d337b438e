package dev.snapref.scenario;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes a script write puts in a sector ({@code LABEL@N} then NUL bytes to 512), and the
 * reverse classification of a sector's bytes into a {@link SectorContent}.
 */
public final class SectorPattern {
    public static final int SECTOR_SIZE = 512;

    private SectorPattern() {
    }

    /** The 512 bytes of sector {@code sector} written with {@code label}. */
    public static byte[] of(String label, long sector) {
        byte[] out = new byte[SECTOR_SIZE];
        byte[] text = (label + "@" + sector).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, out, 0, text.length);
        return out;
    }

    /** The bytes of a whole write: {@code count} sectors from {@code sector}. */
    public static byte[] fill(String label, long sector, int count) {
        byte[] out = new byte[count * SECTOR_SIZE];
        for (int i = 0; i < count; i++) {
            byte[] text = (label + "@" + (sector + i)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, out, i * SECTOR_SIZE, text.length);
        }
        return out;
    }

    /** Classifies the sector at {@code offset} of {@code data}. */
    public static SectorContent classify(byte[] data, int offset) {
        int end = offset + SECTOR_SIZE;
        int textEnd = offset;
        while (textEnd < end && data[textEnd] != 0) {
            textEnd++;
        }
        for (int i = textEnd; i < end; i++) {
            if (data[i] != 0) {
                return SectorContent.OTHER;
            }
        }
        if (textEnd == offset) {
            return SectorContent.ZERO;
        }
        return parse(new String(Arrays.copyOfRange(data, offset, textEnd), StandardCharsets.ISO_8859_1));
    }

    private static SectorContent parse(String text) {
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            return SectorContent.OTHER;
        }
        String label = text.substring(0, at);
        String digits = text.substring(at + 1);
        if (!ScriptParser.LABEL.matcher(label).matches() || !digits.matches("0|[1-9][0-9]{0,18}")) {
            return SectorContent.OTHER;
        }
        try {
            return new SectorContent.Pattern(label, Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return SectorContent.OTHER;
        }
    }
}
