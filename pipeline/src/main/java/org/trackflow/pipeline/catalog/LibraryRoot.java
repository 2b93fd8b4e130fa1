package org.trackflow.pipeline.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The library an output was made from, recorded in {@code <out>/library.properties} at every run: the
 * root as given and as a location, so that {@code similar} and {@code path} write M3U8 entries that
 * resolve without being told the library again (a moved library: {@code --library} overrides).
 */
public final class LibraryRoot {
    public static final String FILE = "library.properties";

    private LibraryRoot() {}

    /** Records {@code library} as the output's library. */
    public static void record(OutputLayout layout, Path library) throws IOException {
        Properties p = new Properties();
        Path root = library.toAbsolutePath().normalize();
        p.setProperty("root", root.toString());
        p.setProperty("uri", root.toUri().toString());
        StringWriter text = new StringWriter();
        p.store(text, "the library this output was analysed from (written by every run)");
        String tmp = layout.resolve("." + FILE + ".tmp");
        try (OutputStream out = layout.storage().create(tmp)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        layout.storage().rename(tmp, layout.resolve(FILE));
    }

    /** The recorded library root, or null when the output has none (made by an older trackflow). */
    public static Path read(OutputLayout layout) throws IOException {
        String f = layout.resolve(FILE);
        if (!layout.storage().exists(f)) {
            return null;
        }
        try (InputStream in = layout.storage().open(f)) {
            Properties p = new Properties();
            p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            String root = p.getProperty("root");
            return root == null ? null : Path.of(root);
        }
    }
}
