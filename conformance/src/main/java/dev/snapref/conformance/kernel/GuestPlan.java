package dev.snapref.conformance.kernel;

import dev.snapref.scenario.Command;
import dev.snapref.scenario.CreateCommand;
import dev.snapref.scenario.CreateNoTableCommand;
import dev.snapref.scenario.DiskCommand;
import dev.snapref.scenario.InfoCommand;
import dev.snapref.scenario.LoadCommand;
import dev.snapref.scenario.ReadCommand;
import dev.snapref.scenario.RemoveCommand;
import dev.snapref.scenario.ResumeCommand;
import dev.snapref.scenario.Script;
import dev.snapref.scenario.SectorPattern;
import dev.snapref.scenario.StatusCommand;
import dev.snapref.scenario.SuspendCommand;
import dev.snapref.scenario.TableCommand;
import dev.snapref.scenario.WriteCommand;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one guest boot runs: the shell program for a batch of scripts (calls of the functions in
 * {@code guest-lib.sh}), the contents of the control disk (program and write payloads), where
 * each read's data lands on the result disk, and which virtio disk (by serial) each script disk is.
 *
 * <p>Control disk layout: sector 0 holds the program length in decimal, the program starts at
 * byte 512, write payloads follow at 4096-aligned offsets. Each script disk gets its own
 * zero-filled virtio disk with serial {@code dN}, so every script starts on fresh disks.
 */
public final class GuestPlan {
    /** One script disk: its script, its name, size and the serial of the virtio disk that backs it. */
    public record Disk(int script, String name, long sectors, String serial) {
    }

    /** One command of one script, with where its read data lands ({@code -1} when not a read). */
    public record Step(int script, int command, Command cmd, long resultOffset) {
        /** The marker id the guest prints in {@code @@BEGIN}/{@code @@END}. */
        public String id() {
            return script + "." + command;
        }
    }

    private static final int ALIGN = 4096;

    private final List<Script> scripts;
    private final List<Disk> disks = new ArrayList<>();
    private final List<List<Step>> steps = new ArrayList<>();
    private final StringBuilder program = new StringBuilder();
    private final ByteArrayOutputStream payloads = new ByteArrayOutputStream();
    private long resultBytes;

    private GuestPlan(List<Script> scripts) {
        this.scripts = List.copyOf(scripts);
    }

    /** Plans a batch; script indexes in markers are positions in {@code scripts}. */
    public static GuestPlan of(List<Script> scripts) {
        GuestPlan p = new GuestPlan(scripts);
        for (int i = 0; i < scripts.size(); i++) {
            p.addScript(i, scripts.get(i));
        }
        return p;
    }

    /** The number of virtio disks a script needs (one per {@code disk} line). */
    public static int diskCount(Script s) {
        return (int) s.commands().stream().filter(c -> c instanceof DiskCommand).count();
    }

    public List<Script> scripts() {
        return scripts;
    }

    public List<Disk> disks() {
        return disks;
    }

    /** The disks of one script, in declaration order. */
    public Map<String, Disk> disksOf(int script) {
        Map<String, Disk> out = new LinkedHashMap<>();
        for (Disk d : disks) {
            if (d.script() == script) {
                out.put(d.name(), d);
            }
        }
        return out;
    }

    public List<Step> steps(int script) {
        return steps.get(script);
    }

    /** Bytes the result disk needs (at least 1 MiB). */
    public long resultDiskBytes() {
        return Math.max(1 << 20, align(resultBytes));
    }

    /** Bytes from the start of the control disk to the first payload. */
    private static int programArea(int programLength) {
        return (int) align(512 + programLength);
    }

    private void addScript(int index, Script s) {
        List<Step> list = new ArrayList<>();
        steps.add(list);
        program.append("sr_script ").append(index).append('\n');
        List<Command> cmds = s.commands();
        for (int j = 0; j < cmds.size(); j++) {
            Command c = cmds.get(j);
            long resultOffset = -1;
            String id = index + "." + j;
            program.append("sr_begin ").append(id).append("; ");
            if (c instanceof DiskCommand d) {
                String serial = "d" + disks.size();
                disks.add(new Disk(index, d.name(), d.sectors(), serial));
                program.append("sr_disk ").append(q(d.name())).append(' ').append(serial);
            } else if (c instanceof CreateCommand cc) {
                dmsetup("create", q(cc.name()), "--table", q(cc.table()));
                program.append("; sr_dmls");
                mergeWait(cc.name());
            } else if (c instanceof CreateNoTableCommand cn) {
                dmsetup("create", q(cn.name()), "--notable");
                program.append("; sr_dmls");
            } else if (c instanceof LoadCommand l) {
                dmsetup("load", q(l.name()), "--table", q(l.table()));
                program.append("; [ $SR_RC = 0 ] && sr_mknode ").append(q(l.name()));
            } else if (c instanceof SuspendCommand sc) {
                dmsetup("suspend", q(sc.name()));
            } else if (c instanceof ResumeCommand rc) {
                dmsetup("resume", q(rc.name()));
                mergeWait(rc.name());
            } else if (c instanceof RemoveCommand rm) {
                dmsetup("remove", q(rm.name()));
            } else if (c instanceof StatusCommand st) {
                dmsetup(st.inactive() ? "status --inactive" : "status", q(st.name()));
            } else if (c instanceof TableCommand t) {
                dmsetup(t.inactive() ? "table --inactive" : "table", q(t.name()));
            } else if (c instanceof InfoCommand in) {
                dmsetup("info", q(in.name()));
            } else if (c instanceof WriteCommand w) {
                long len = w.count() * SectorPattern.SECTOR_SIZE;
                long at = payloads.size();
                payloads.writeBytes(SectorPattern.fill(w.label(), w.sector(), Math.toIntExact(w.count())));
                pad(payloads);
                program.append("sr_write ").append(q(w.device().path())).append(' ')
                        .append(w.sector() * SectorPattern.SECTOR_SIZE).append(' ').append(len)
                        .append(" $((SR_PAYLOAD + ").append(at).append("))");
            } else if (c instanceof ReadCommand r) {
                long len = r.count() * SectorPattern.SECTOR_SIZE;
                resultOffset = resultBytes;
                resultBytes += align(len);
                program.append("sr_read ").append(q(r.device().path())).append(' ')
                        .append(r.sector() * SectorPattern.SECTOR_SIZE).append(' ').append(len).append(' ')
                        .append(resultOffset);
            } else {
                throw new IllegalArgumentException("the kernel target cannot run " + c.echo());
            }
            program.append("; sr_end ").append(id).append('\n');
            list.add(new Step(index, j, c, resultOffset));
        }
        program.append("sr_cleanup ").append(index).append('\n');
    }

    /**
     * The merge rule of the scenario format: a create or resume that succeeded and left a
     * {@code snapshot-merge} table live returns once its merge has finished (polled via status,
     * ETIMEDOUT after 60 s; {@code sr_merge_wait} in guest-lib.sh).
     */
    private void mergeWait(String name) {
        program.append("; [ $SR_RC = 0 ] && sr_merge_wait ").append(q(name));
    }

    private void dmsetup(String... words) {
        program.append("sr_dmsetup ").append(String.join(" ", words));
    }

    private static void pad(ByteArrayOutputStream out) {
        int rest = (int) (align(out.size()) - out.size());
        out.write(new byte[rest], 0, rest);
    }

    static long align(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    /** Single-quotes a word for the guest shell. */
    static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * The program prefixed with the payload base: {@code SR_PAYLOAD} is the control disk offset
     * of the first payload, known only once the program length is.
     */
    public String program() {
        String body = program.toString();
        // the prefix changes the length, so iterate until the area is stable
        int area = programArea(body.length() + 32);
        while (true) {
            String full = "SR_PAYLOAD=" + area + "\n" + body;
            int need = programArea(full.getBytes(StandardCharsets.UTF_8).length);
            if (need == area) {
                return full;
            }
            area = need;
        }
    }

    /** The control disk with {@link #program()}. */
    public byte[] controlDisk() {
        byte[] prog = program().getBytes(StandardCharsets.UTF_8);
        int area = programArea(prog.length);
        byte[] pay = payloads.toByteArray();
        byte[] out = new byte[(int) align(area + pay.length) + ALIGN];
        byte[] len = (prog.length + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(len, 0, out, 0, len.length);
        System.arraycopy(prog, 0, out, 512, prog.length);
        System.arraycopy(pay, 0, out, area, pay.length);
        return out;
    }
}
