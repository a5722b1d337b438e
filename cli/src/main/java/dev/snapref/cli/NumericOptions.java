package dev.snapref.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters of numeric options that refuse values the option cannot mean: a duration or count
 * that is zero or negative, a depth below zero, a number that is not finite. picocli turns the
 * refusal into a usage error (exit 2) naming the option and the value.
 */
final class NumericOptions {
    private NumericOptions() {
    }

    /** Seconds: a finite number above zero. */
    static final class PositiveSeconds implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d;
            try {
                d = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number of seconds");
            }
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new TypeConversionException("must be a positive number of seconds, not '" + value + "'");
            }
            return d;
        }
    }

    /** A count of things to do: a whole number above zero. */
    static final class PositiveCount implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long n = parse(value);
            if (n <= 0) {
                throw new TypeConversionException("must be a whole number above zero, not '" + value + "'");
            }
            return n;
        }
    }

    /** A count that fits an int and is above zero (steps per script). */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long n = parse(value);
            if (n <= 0 || n > Integer.MAX_VALUE) {
                throw new TypeConversionException("must be a whole number from 1 to " + Integer.MAX_VALUE
                        + ", not '" + value + "'");
            }
            return (int) n;
        }
    }

    /** A depth: a whole number from zero. */
    static final class Depth implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long n = parse(value);
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new TypeConversionException("must be a whole number from 0, not '" + value + "'");
            }
            return (int) n;
        }
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
    }
}
