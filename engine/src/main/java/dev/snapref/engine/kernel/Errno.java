package dev.snapref.engine.kernel;

/**
 * The Linux errno values the engine can return, with their numbers (x86-64 / generic).
 * The number is used where the kernel prints it, e.g. {@code preresume failed, error = -22}.
 */
public enum Errno {
    EPERM(1), ENOENT(2), EIO(5), ENXIO(6), ENOMEM(12), ENOTBLK(15), EBUSY(16), EEXIST(17),
    ENODEV(19), EINVAL(22), ENOSPC(28), EOVERFLOW(75), ETIMEDOUT(110);

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    /** The positive errno number. */
    public int number() {
        return number;
    }

    /** The errno as the kernel's {@code %pe} prints a negative error pointer, e.g. {@code -EINVAL}. */
    public String pe() {
        return "-" + name();
    }
}
