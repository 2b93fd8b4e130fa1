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
                    if (r.min() >= 1 && r.max() >= 2 * r.min() - 1) {
                        return r;
                    }
                }
            } catch (NumberFormatException bad) {
                // below
            }
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a size range: give MIN-MAX with MIN >= 1 and MAX >= 2 x MIN - 1 (so that a "
                            + "playlist too big for MAX can be cut in parts of at least MIN), e.g. 20-60");
        }
    }
}
