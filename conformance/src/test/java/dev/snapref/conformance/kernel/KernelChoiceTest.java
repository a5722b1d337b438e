package dev.snapref.conformance.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --kernel} values, the apt-cache listing and the message for a kernel that cannot be fetched. No QEMU. */
class KernelChoiceTest {
    private static final String APT = String.join("\n",
            "linux-image-6.1.0-9-cloud-amd64 - Linux 6.1 for x86-64 cloud (signed)",
            "linux-image-6.1.0-10-cloud-amd64 - Linux 6.1 for x86-64 cloud (signed)",
            "linux-image-6.1.0-10-cloud-amd64-dbg - Debug symbols for linux-image-6.1.0-10-cloud-amd64",
            "linux-image-6.1.0-10-cloud-amd64-unsigned - Linux 6.1 for x86-64 cloud",
            "linux-image-6.12-cloud-amd64 - Linux for x86-64 cloud (meta-package)",
            "linux-image-6.12.117+deb12-cloud-amd64 - Linux 6.12 for x86-64 cloud (signed)",
            "linux-image-6.12.117+deb12-cloud-amd64-unsigned - Linux 6.12 for x86-64 cloud",
            "linux-image-cloud-amd64 - Linux for x86-64 cloud (meta-package)", "");

    @Test
    void aPackageNameIsADebianKernelAndTheDefaultIsKnown() {
        KernelSource s = KernelSource.parse("linux-image-6.12.117+deb12-cloud-amd64-unsigned");
        assertEquals(new KernelSource.DebianPackage("linux-image-6.12.117+deb12-cloud-amd64-unsigned", false), s);
        assertEquals(new KernelSource.DebianPackage(KernelSource.DEFAULT_PACKAGE, true), KernelSource.parse(null));
        assertEquals(KernelSource.DEFAULT_PACKAGE, KernelSource.parse(KernelSource.DEFAULT_PACKAGE).id());
    }

    @Test
    void aFolderIsALocalBuildWithItsOwnCacheId(@TempDir Path dir) {
        KernelSource s = KernelSource.parse(dir.toString());
        assertInstanceOf(KernelSource.LocalBuild.class, s);
        assertTrue(s.id().matches("local-[0-9a-f]{12}"), s.id());
        assertEquals(dir.toAbsolutePath().normalize().toString(), s.describe());
    }

    @Test
    void aFileOrAnOddWordIsOneClearError(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("bzImage"), "x");
        var e = assertThrows(KernelTargetUnavailableException.class, () -> KernelSource.parse(f.toString()));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
        e = assertThrows(KernelTargetUnavailableException.class, () -> KernelSource.parse("6.12"));
        assertTrue(e.getMessage().contains("snapref kernels"), e.getMessage());
    }

    @Test
    void aptCacheListingKeepsImagesOnlyInVersionOrder() {
        List<DebianKernels.Package> p = DebianKernels.parse(APT);
        assertEquals(List.of("linux-image-6.1.0-9-cloud-amd64", "linux-image-6.1.0-10-cloud-amd64",
                "linux-image-6.1.0-10-cloud-amd64-unsigned", "linux-image-6.12.117+deb12-cloud-amd64",
                "linux-image-6.12.117+deb12-cloud-amd64-unsigned"), p.stream().map(DebianKernels.Package::name).toList());
        assertEquals("6.12", p.get(3).series());
        assertEquals(List.of("linux-image-6.1.0-9-cloud-amd64", "linux-image-6.1.0-10-cloud-amd64"),
                DebianKernels.sameSeries("linux-image-6.1.0-56-cloud-amd64", p).stream()
                        .map(DebianKernels.Package::name).toList());
    }

    @Test
    void aKernelThatCannotBeFetchedSaysWhatToDoAndNamesTheCandidates() {
        List<DebianKernels.Package> same = DebianKernels.sameSeries("linux-image-6.1.0-99-cloud-amd64",
                DebianKernels.parse(APT));
        String m = KernelFetch.unavailable("linux-image-6.1.0-99-cloud-amd64",
                "E: Unable to locate package linux-image-6.1.0-99-cloud-amd64\nE: more", same);
        assertTrue(m.contains("(E: Unable to locate package linux-image-6.1.0-99-cloud-amd64)"), m);
        assertTrue(m.contains("apt-get update"), m);
        assertTrue(m.contains("linux-image-6.1.0-9-cloud-amd64, linux-image-6.1.0-10-cloud-amd64"), m);
        assertTrue(m.contains("--kernel linux-image-6.1.0-10-cloud-amd64"), m);
        assertTrue(KernelFetch.unavailable("x", "", List.of()).contains("snapref kernels"));
    }

    @Test
    void theImageOfAFolderIsFoundInEachLayout(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("boot"));
        Path img = Files.writeString(dir.resolve("boot/vmlinuz-6.1.0-1-cloud-amd64"), "k");
        assertEquals(img, KernelGuest.findImage(dir));
        Path top = Files.writeString(dir.resolve("bzImage"), "k");
        assertEquals(top, KernelGuest.findImage(dir));
        assertThrows(KernelTargetUnavailableException.class, () -> KernelGuest.findImage(dir.resolve("boot/none")));
    }
}
