package dev.snapref.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptParserTest {
    private static final String HEAD = "disk origin 16384\ndisk cow 8192\n";

    @Test
    void parsesEveryCommandOfTheFormat() throws ScriptError {
        Script s = ScriptParser.parse("all.dms", HEAD
                + "# a comment\n\n"
                + "dmsetup create origin --table '0 16384 snapshot-origin /dev/disk/origin'\n"
                + "dmsetup create d --notable\n"
                + "dmsetup load d --table '0 16384 snapshot /dev/disk/origin /dev/disk/cow P 8'\n"
                + "dmsetup suspend d\n"
                + "dmsetup resume d\n"
                + "dmsetup status --inactive d\n"
                + "dmsetup table d\n"
                + "dmsetup info d\n"
                + "write /dev/mapper/origin 0 16 PRE\n"
                + "read /dev/disk/cow 8 24\n"
                + "dmsetup remove d\n");
        List<Command> c = s.commands();
        assertEquals(13, c.size());
        assertEquals(new DiskCommand("origin", 16384), c.get(0));
        assertEquals(new CreateCommand("origin", "0 16384 snapshot-origin /dev/disk/origin"), c.get(2));
        assertEquals(new CreateNoTableCommand("d"), c.get(3));
        assertEquals(new StatusCommand("d", true), c.get(7));
        assertEquals(new TableCommand("d", false), c.get(8));
        assertEquals(new WriteCommand(DevicePath.mapper("origin"), 0, 16, "PRE"), c.get(10));
        assertEquals(new ReadCommand(DevicePath.disk("cow"), 8, 24), c.get(11));
        assertEquals(new RemoveCommand("d"), c.get(12));
        assertEquals(5, s.lines().get(2).line(), "line numbers count comments and blank lines");
    }

    @Test
    void echoKeepsTableSpacingAndRoundTrips() throws ScriptError {
        String text = HEAD + "dmsetup create s --table '0  16384 snapshot-origin   /dev/disk/origin'\n"
                + "dmsetup   status    s\n";
        Script s = ScriptParser.parse("x", text);
        assertEquals("dmsetup create s --table '0  16384 snapshot-origin   /dev/disk/origin'",
                s.commands().get(2).echo());
        assertEquals("dmsetup status s", s.commands().get(3).echo());
        assertEquals(s.commands(), ScriptParser.parse("y", s.render()).commands());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "frobnicate x|1|expected a command",
        "dmsetup create s --table 0 16384 snapshot-origin /dev/disk/origin|26|single-quoted",
        "dmsetup create s --table \"0 16384 snapshot-origin /dev/disk/origin\"|26|single-quoted",
        "dmsetup create s --table '0 8 snapshot-origin /dev/disk/o'\\''x'|26|single-quoted",
        "write /dev/mapper/s 0 8 bad*label|25|expected a label",
        "write /dev/mapper/s 0 x8 L|23|expected a sector count",
        "write /dev/mapper/s 0 0 L|23|from 1 to",
        "read /dev/disk/nosuch 0 8|6|expected a declared disk",
        "read /dev/sda 0 8|6|expected a device",
        "dmsetup status --inactve s|16|expected '--inactive'",
        "dmsetup create s --table '0 8 snapshot-origin /dev/disk/origin|26|unterminated single quote",
        "dmsetup suspend|16|line ends early",
        "disk origin 8|6|already declared",
        "write /dev/mapper/s 0 8 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA|25|expected a label",
    })
    void malformedLinesNameFileLineColumnAndExpectation(String line, int column, String expected) {
        ScriptError e = assertThrows(ScriptError.class, () -> ScriptParser.parse("bad.dms", HEAD + line + "\n"));
        assertEquals("bad.dms", e.file());
        assertEquals(3, e.line());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.problem().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.dms:3:" + column + ": "), e.getMessage());
    }

    @Test
    void shellWordsFollowPosixQuoting() throws ScriptError {
        List<ShellWord> w = ShellWords.split("f", 1, "a 'b c' \"d \\\" e\" f\\ g 'h'i");
        assertEquals(List.of("a", "b c", "d \" e", "f g", "hi"), w.stream().map(ShellWord::text).toList());
        assertTrue(w.get(1).singleQuoted());
        assertTrue(!w.get(4).singleQuoted(), "a word that only starts with a quote is not one quoted word");
        assertEquals(3, w.get(1).column());
    }

    @Test
    void commandEchoQuotesWordsWithBlanks() {
        assertEquals("'a b'", Command.word("a b"));
        assertEquals("\"it's\"", Command.word("it's"));
        assertEquals("plain", Command.word("plain"));
        assertInstanceOf(InfoCommand.class, new InfoCommand("x"));
    }
}
