package dev.snapref.cli;

import dev.snapref.conformance.gen.SizeProfile;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --sizes small|lvm|swarm}: a {@link SizeProfile} by its word; anything else is a usage error (exit 2). */
final class SizesConverter implements ITypeConverter<SizeProfile> {
    @Override
    public SizeProfile convert(String value) {
        for (SizeProfile p : SizeProfile.values()) {
            if (p.word().equals(value)) {
                return p;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of small, lvm, swarm");
    }
}
