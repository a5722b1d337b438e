package dev.snapref.scenario;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding of script files: text that is not UTF-8 is a {@link ScriptError} naming
 * the file, the line and column where the first bad byte stands, its byte offset and value, and
 * the expected encoding, never a replacement character or a bare "Input length = 1".
 */
final class Utf8Text {
    private Utf8Text() {
    }

    /** Decodes {@code bytes} read from {@code file}. */
    static String decode(String file, byte[] bytes) throws ScriptError {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            throw notUtf8(file, bytes, out.flip(), in.position());
        }
        return out.flip().toString();
    }

    private static ScriptError notUtf8(String file, byte[] bytes, CharBuffer decoded, int offset) {
        String before = decoded.toString();
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        int column = before.length() - (before.lastIndexOf('\n') + 1) + 1;
        String value = offset < bytes.length ? String.format("0x%02x", bytes[offset] & 0xff) : "end of file";
        return new ScriptError(file, line, column, "not UTF-8 text: byte " + value + " at byte offset " + offset
                + " is not valid UTF-8 (scripts must be UTF-8)");
    }
}
