package org.trackflow.pipeline.catalog;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The library an output was made from, recorded in the output ({@link Output#library}) at every run: the
 * root as given and as a location, so that {@code similar} and {@code path} write M3U8 entries that
 * resolve without being told the library again (a moved library: {@code --library} overrides).
 */
public final class LibraryRoot {
    private LibraryRoot() {}

    /** Records {@code library} as the output's library. */
    public static void record(Output output, Path library) throws IOException {
        Properties p = new Properties();
        Path root = library.toAbsolutePath().normalize();
        p.setProperty("root", root.toString());
        p.setProperty("uri", root.toUri().toString());
        StringWriter text = new StringWriter();
        p.store(text, "the library this output was analysed from (written by every run)");
        output.storage().writeAtomically(output.library(), text.toString());
    }

    /** The recorded library root, or null when the output has none (made by an older trackflow). */
    public static Path read(Output output) throws IOException {
        String f = output.library();
        if (!output.storage().exists(f)) {
            return null;
        }
        Properties p = new Properties();
        p.load(new StringReader(output.storage().readText(f)));
        String root = p.getProperty("root");
        return root == null ? null : Path.of(root);
    }
}
