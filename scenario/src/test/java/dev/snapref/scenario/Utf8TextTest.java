package dev.snapref.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Utf8TextTest {
    @TempDir
    Path dir;

    @Test
    void aScriptThatIsNotUtf8NamesTheFileThePlaceTheByteAndTheEncoding() throws Exception {
        Path f = dir.resolve("bad.dms");
        byte[] head = "disk origin 8\nwr".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + 4];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xff;
        bytes[head.length + 1] = 'i';
        bytes[head.length + 2] = 't';
        bytes[head.length + 3] = 'e';
        Files.write(f, bytes);
        ScriptError e = assertThrows(ScriptError.class, () -> Script.load(f));
        assertEquals(f + ":2:3: not UTF-8 text: byte 0xff at byte offset 16 is not valid UTF-8 (scripts must be UTF-8)",
                e.getMessage());
    }

    @Test
    void aTruncatedMultiByteCharacterAtTheEndIsReportedToo() throws Exception {
        Path f = dir.resolve("cut.dms");
        byte[] bytes = {'d', 'i', 's', 'k', ' ', (byte) 0xc3};
        Files.write(f, bytes);
        ScriptError e = assertThrows(ScriptError.class, () -> Script.load(f));
        assertEquals(f + ":1:6: not UTF-8 text: byte 0xc3 at byte offset 5 is not valid UTF-8 (scripts must be UTF-8)",
                e.getMessage());
    }

    @Test
    void utf8TextLoads() throws Exception {
        Path f = dir.resolve("ok.dms");
        Files.writeString(f, "# caf\u00e9\ndisk origin 8\n", StandardCharsets.UTF_8);
        assertEquals(1, Script.load(f).commands().size());
    }
}
