package org.trackflow.pipeline.cli;

import picocli.CommandLine;

/** {@code MIN-MAX} of {@code --playlist-size}, checked when parsed. */
record SizeRange(int min, int max) {
    static final class Converter implements CommandLine.ITypeConverter<SizeRange> {
        @Override
        public SizeRange convert(String value) {
            String[] p = value.split("-");
            try {
                if (p.length == 2) {
                    SizeRange r = new SizeRange(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
                    if (r.min() >= 1 && r.max() >= r.min()) {
                        return r;
                    }
                }
            } catch (NumberFormatException bad) {
                // below
            }
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a size range: give MIN-MAX with 1 <= MIN <= MAX, e.g. 20-60");
        }
    }
}
