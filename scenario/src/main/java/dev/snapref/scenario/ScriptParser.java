package dev.snapref.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses scenario scripts ({@code shared/spec/scenario-format.md}).
 *
 * <p>Guarantees: every accepted line is one {@link Command}; every rejected line raises a
 * {@link ScriptError} naming file, line, column and what was expected. Checks made here are
 * syntactic only (word counts, numbers, names, labels, quoting, disks declared before use);
 * whether a table is acceptable is the targets' business (their constructors decide, as the
 * kernel's do).
 */
public final class ScriptParser {
    /** A label of a write: {@code [A-Za-z0-9_.-]{1,32}}. */
    public static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    /** A disk or mapped device name as scripts may use it. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.+-]{1,127}");
    /** The most sectors one read or write may move (2 GiB). */
    public static final long MAX_IO_SECTORS = 1L << 22;
    /** The largest disk a script may declare (2^40 sectors = 512 TiB). */
    public static final long MAX_DISK_SECTORS = 1L << 40;

    private final String file;
    private final Set<String> disks = new HashSet<>();
    private int lineNo;
    private List<ShellWord> words;

    private ScriptParser(String file) {
        this.file = file;
    }

    /** Parses a whole script text. */
    public static Script parse(String file, String text) throws ScriptError {
        return new ScriptParser(file).parseAll(text);
    }

    /** Parses one line in a context with the given disks declared (for tools that build scripts). */
    public static Command parseLine(String file, int lineNo, String line, Set<String> declaredDisks)
            throws ScriptError {
        ScriptParser p = new ScriptParser(file);
        p.disks.addAll(declaredDisks);
        p.lineNo = lineNo;
        p.words = ShellWords.split(file, lineNo, line);
        if (p.words.isEmpty()) {
            throw new ScriptError(file, lineNo, 1, "expected a command, found an empty line");
        }
        return p.command();
    }

    private Script parseAll(String text) throws ScriptError {
        List<ScriptLine> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lineNo = i + 1;
            String raw = lines[i];
            String trimmed = raw.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            words = ShellWords.split(file, lineNo, raw);
            out.add(new ScriptLine(lineNo, command()));
        }
        return new Script(file, out);
    }

    private Command command() throws ScriptError {
        String verb = words.get(0).text();
        switch (verb) {
            case "disk":
                return disk();
            case "dmsetup":
                return dmsetup();
            case "write":
                return write();
            case "read":
                return read();
            default:
                throw error(0, "expected a command (disk, dmsetup, write, read), found '" + verb + "'");
        }
    }

    private Command disk() throws ScriptError {
        expectWords(3, "disk NAME SECTORS");
        String name = name(1, "a disk name");
        long sectors = number(2, "a disk size in sectors", 1, MAX_DISK_SECTORS);
        if (!disks.add(name)) {
            throw error(1, "disk '" + name + "' is already declared");
        }
        return new DiskCommand(name, sectors);
    }

    private Command dmsetup() throws ScriptError {
        if (words.size() < 2) {
            throw error(words.size(), "expected a dmsetup subcommand (create, load, suspend, resume, "
                    + "remove, status, table, info)");
        }
        String sub = words.get(1).text();
        switch (sub) {
            case "create":
                return create();
            case "load":
                return new LoadCommand(name(2, "a device name"), tableArgument("dmsetup load NAME --table 'TABLE'"));
            case "suspend":
                expectWords(3, "dmsetup suspend NAME");
                return new SuspendCommand(name(2, "a device name"));
            case "resume":
                expectWords(3, "dmsetup resume NAME");
                return new ResumeCommand(name(2, "a device name"));
            case "remove":
                expectWords(3, "dmsetup remove NAME");
                return new RemoveCommand(name(2, "a device name"));
            case "info":
                expectWords(3, "dmsetup info NAME");
                return new InfoCommand(name(2, "a device name"));
            case "status":
            case "table":
                return statusOrTable(sub);
            default:
                throw error(1, "expected a dmsetup subcommand (create, load, suspend, resume, remove, "
                        + "status, table, info), found '" + sub + "'");
        }
    }

    private Command create() throws ScriptError {
        if (words.size() == 4 && words.get(3).text().equals("--notable")) {
            return new CreateNoTableCommand(name(2, "a device name"));
        }
        String table = tableArgument("dmsetup create NAME --table 'TABLE' or dmsetup create NAME --notable");
        return new CreateCommand(name(2, "a device name"), table);
    }

    /** Word 4 after {@code --table} at word 3: the quoting is checked before the word count. */
    private String tableArgument(String usage) throws ScriptError {
        if (words.size() < 5) {
            expectWords(5, usage);
        }
        expectFlag(3, "--table");
        String table = table(4);
        expectWords(5, usage);
        return table;
    }

    private Command statusOrTable(String sub) throws ScriptError {
        boolean inactive = words.size() == 4;
        if (inactive) {
            expectFlag(2, "--inactive");
        } else {
            expectWords(3, "dmsetup " + sub + " [--inactive] NAME");
        }
        String name = name(words.size() - 1, "a device name");
        return sub.equals("status") ? new StatusCommand(name, inactive) : new TableCommand(name, inactive);
    }

    private Command write() throws ScriptError {
        expectWords(5, "write DEV SECTOR COUNT LABEL");
        DevicePath dev = device(1);
        long sector = number(2, "a start sector", 0, Long.MAX_VALUE / 2);
        long count = number(3, "a sector count", 1, MAX_IO_SECTORS);
        String label = words.get(4).text();
        if (!LABEL.matcher(label).matches()) {
            throw error(4, "expected a label matching [A-Za-z0-9_.-]{1,32}, found '" + label + "'");
        }
        return new WriteCommand(dev, sector, count, label);
    }

    private Command read() throws ScriptError {
        expectWords(4, "read DEV SECTOR COUNT");
        DevicePath dev = device(1);
        long sector = number(2, "a start sector", 0, Long.MAX_VALUE / 2);
        long count = number(3, "a sector count", 1, MAX_IO_SECTORS);
        return new ReadCommand(dev, sector, count);
    }

    private DevicePath device(int idx) throws ScriptError {
        String text = words.get(idx).text();
        DevicePath dev = DevicePath.parse(text);
        if (dev == null || !NAME.matcher(dev.name()).matches()) {
            throw error(idx, "expected a device /dev/disk/NAME or /dev/mapper/NAME, found '" + text + "'");
        }
        if (dev.kind() == DevicePath.Kind.DISK && !disks.contains(dev.name())) {
            throw error(idx, "expected a declared disk, found '" + text
                    + "' (declare it first with: disk " + dev.name() + " SECTORS)");
        }
        return dev;
    }

    private String table(int idx) throws ScriptError {
        ShellWord w = words.get(idx);
        if (!w.singleQuoted()) {
            throw error(idx, "expected the table as one single-quoted word, e.g. '0 16384 snapshot-origin "
                    + "/dev/disk/origin'");
        }
        if (w.text().isBlank()) {
            throw error(idx, "expected a table 'START LENGTH TARGET ARGS...', found an empty table");
        }
        return w.text();
    }

    private String name(int idx, String what) throws ScriptError {
        String text = words.get(idx).text();
        if (!NAME.matcher(text).matches()) {
            throw error(idx, "expected " + what + " matching [A-Za-z0-9_.+-]{1,127}, found '" + text + "'");
        }
        return text;
    }

    private long number(int idx, String what, long min, long max) throws ScriptError {
        String text = words.get(idx).text();
        if (!text.matches("[0-9]{1,19}")) {
            throw error(idx, "expected " + what + " (a decimal number), found '" + text + "'");
        }
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error(idx, "expected " + what + " of at most " + max + ", found '" + text + "'");
        }
        if (v < min || v > max) {
            throw error(idx, "expected " + what + " from " + min + " to " + max + ", found " + v);
        }
        return v;
    }

    private void expectFlag(int idx, String flag) throws ScriptError {
        if (!words.get(idx).text().equals(flag)) {
            throw error(idx, "expected '" + flag + "', found '" + words.get(idx).text() + "'");
        }
    }

    private void expectWords(int count, String usage) throws ScriptError {
        if (words.size() < count) {
            throw error(words.size(), "expected " + usage + ", but the line ends early");
        }
        if (words.size() > count) {
            throw error(count, "expected " + usage + ", found extra word '" + words.get(count).text()
                    + "' (is a table not single-quoted?)");
        }
    }

    /** An error at word {@code idx} (or just past the last word). */
    private ScriptError error(int idx, String problem) {
        int column = idx < words.size() ? words.get(idx).column() : lastColumn();
        return new ScriptError(file, lineNo, column, problem);
    }

    private int lastColumn() {
        ShellWord last = words.get(words.size() - 1);
        return last.column() + last.text().length() + (last.singleQuoted() ? 2 : 0);
    }
}
