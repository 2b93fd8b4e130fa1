package org.trackflow.udfs.tonal;

/**
 * How a key is written: conventional spelling, the Camelot wheel and Traktor's Open Key notation.
 *
 * <p><b>Spelling.</b> Each key is named as its key signature spells it, with the fewest accidentals:
 * majors C, Db, D, Eb, E, F, F#, G, Ab, A, Bb, B (Db with 5 flats, not C# with 7 sharps; F# and Gb both
 * have 6, F# is used, as DJ software and Camelot charts do); minors C, C#, D, Eb, E, F, F#, G, G#, A, Bb, B
 * (C# minor with 4 sharps, not Db minor with 8 flats; G# minor with 5 sharps; Eb minor, 6 flats, rather than
 * D# minor, 6 sharps, as Camelot charts write 2A). So a key and its relative share accidentals
 * except F# major / Eb minor (2B / 2A), where both spellings are equally long.
 *
 * <p><b>Camelot</b>: numbers step by fifths, 8B = C major, 8A = A minor, relative keys share a number.
 * <b>Open Key</b> (Traktor): the same wheel turned so that 1d = C major and 1m = A minor: d (dur) for major,
 * m (moll) for minor, number = Camelot number - 7 (mod 12).
 */
public final class KeyNames {
    private static final String[] MAJOR = {"C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};
    private static final String[] MINOR = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"};

    private KeyNames() {}

    /** The tonic of a key with tonic pitch class {@code tonic} (0 = C) in the given mode, e.g. "Bb". */
    public static String spell(int tonic, boolean minor) {
        return (minor ? MINOR : MAJOR)[Math.floorMod(tonic, 12)];
    }

    /** Pitch class (0 = C) of a note name with any number of sharps or flats ("C#", "Db", "E#", "Cb"); -1 if not one. */
    public static int pitchClass(String name) {
        if (name == null || name.isEmpty()) {
            return -1;
        }
        int base = "C D EF G A B".indexOf(Character.toUpperCase(name.charAt(0)));
        if (base < 0 || name.charAt(0) == ' ') {
            return -1;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '#' || c == '\u266f') {
                base++;
            } else if (c == 'b' || c == '\u266d') {
                base--;
            } else {
                return -1;
            }
        }
        return Math.floorMod(base, 12);
    }

    /** Steps round the circle of fifths from C major (C = 0, G = 1, ...) of the key or, if minor, its relative major. */
    private static int fifths(int tonic, boolean minor) {
        int majorTonic = minor ? tonic + 3 : tonic;
        return Math.floorMod(majorTonic * 7, 12);
    }

    /** Camelot code: 8B = C major, 8A = A minor, 9B = G major. */
    public static String camelot(int tonic, boolean minor) {
        return ((fifths(tonic, minor) + 7) % 12 + 1) + (minor ? "A" : "B");
    }

    /** Open Key code: 1d = C major, 1m = A minor, 2d = G major. */
    public static String openKey(int tonic, boolean minor) {
        return (fifths(tonic, minor) + 1) + (minor ? "m" : "d");
    }
}
