package dev.snapref.engine.block;


import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A block device backed by a file (a raw image) through a {@link FileChannel}. The size is fixed
 * at open time (the file is extended with zeros if shorter). FUA writes and flushes force the
 * channel to stable storage. Positional I/O makes it safe for concurrent use.
 */
public final class FileBlockDevice implements BlockDevice, AutoCloseable {
    private final FileChannel channel;
    private final long sectors;

    private FileBlockDevice(FileChannel channel, long sectors) {
        this.channel = channel;
        this.sectors = sectors;
    }

    /** Opens an existing image; its size (rounded down to whole sectors) is the device size. */
    public static FileBlockDevice open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new FileBlockDevice(ch, ch.size() / SECTOR_SIZE);
    }

    /**
     * Opens an existing image for reading only (a write fails with an {@link IOException}); its
     * size (rounded down to whole sectors) is the device size.
     */
    public static FileBlockDevice openReadOnly(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        return new FileBlockDevice(ch, ch.size() / SECTOR_SIZE);
    }

    /** Creates (or truncates) a zero-filled image of {@code sectors} sectors. */
    public static FileBlockDevice create(Path path, long sectors) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        if (sectors > 0) {
            ch.write(ByteBuffer.wrap(new byte[1]), sectors * SECTOR_SIZE - 1);
        }
        return new FileBlockDevice(ch, sectors);
    }

    @Override
    public long sectors() {
        return sectors;
    }

    @Override
    public void read(long sector, byte[] dst, int off, int count) throws IOException {
        BlockDevice.checkRange(sector, count, sectors);
        ByteBuffer buf = ByteBuffer.wrap(dst, off, count * SECTOR_SIZE);
        long pos = sector * SECTOR_SIZE;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                while (buf.hasRemaining()) {
                    buf.put((byte) 0);
                }
                break;
            }
            pos += n;
        }
    }

    @Override
    public void write(long sector, byte[] src, int off, int count, boolean fua) throws IOException {
        BlockDevice.checkRange(sector, count, sectors);
        ByteBuffer buf = ByteBuffer.wrap(src, off, count * SECTOR_SIZE);
        long pos = sector * SECTOR_SIZE;
        try {
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
        } catch (java.nio.channels.NonWritableChannelException e) {
            throw new IOException("device opened read-only", e);
        }
        if (fua) {
            channel.force(false);
        }
    }

    @Override
    public void flush() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
