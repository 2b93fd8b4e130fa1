package org.trackflow.pipeline.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The few file operations the catalog and the playlists need, on locations written as Flink writes paths:
 * a scheme and a path, not percent-encoded ({@code file:///music out/x}, {@code s3://bucket/x}). Engine-free code sees only this; the job and the CLI pass Flink's
 * file systems ({@code flink.FlinkStorage}), so every file system Flink has a plugin for works, and tests
 * may pass {@link LocalStorage}.
 */
public interface Storage {
    /** An entry of a folder listing. */
    record Entry(String uri, String name, boolean directory, long length) {}

    /** A readable file that can seek, as Parquet needs. */
    abstract class SeekableInput extends InputStream {
        public abstract long position() throws IOException;

        public abstract void seek(long position) throws IOException;

        /** The position of a stream. */
        public interface Position {
            long get() throws IOException;
        }

        /** Moves a stream to a position. */
        public interface Seek {
            void to(long position) throws IOException;
        }

        /** {@code in}, with its position and seek given by the file system's own stream. */
        public static SeekableInput of(InputStream in, Position position, Seek seek) {
            return new SeekableInput() {
                @Override
                public long position() throws IOException {
                    return position.get();
                }

                @Override
                public void seek(long to) throws IOException {
                    seek.to(to);
                }

                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }
    }

    boolean exists(String uri) throws IOException;

    /** The folder's entries (none when it does not exist). */
    List<Entry> list(String dirUri) throws IOException;

    long length(String uri) throws IOException;

    SeekableInput open(String uri) throws IOException;

    /** Creates or overwrites a file (and its parent folders). */
    OutputStream create(String uri) throws IOException;

    /** Replaces {@code to} with {@code from}: atomic on local and POSIX file systems. */
    void rename(String from, String to) throws IOException;

    void delete(String uri) throws IOException;

    void mkdirs(String dirUri) throws IOException;

    /** Writes a file's content. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code uri} whole or not at all: the content goes to a hidden sibling ({@code .name.RANDOM.tmp},
     * which listings skip; its own for each writer, as two requests may save one name at once) and is renamed
     * over {@code uri} once complete, so a reader sees the old file or the new one, never a part (atomic on
     * local and POSIX file systems).
     */
    default void writeAtomically(String uri, Content content) throws IOException {
        String tmp = join(parent(uri), "." + name(uri) + "." + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (OutputStream out = create(tmp)) {
                content.writeTo(out);
            }
            rename(tmp, uri);
        } catch (IOException | RuntimeException e) {
            try {
                delete(tmp);
            } catch (IOException ignored) {
                // nothing was written, or the file system is gone: the original stands either way
            }
            throw e;
        }
    }

    /** {@link #writeAtomically(String, Content)} of UTF-8 text. */
    default void writeAtomically(String uri, String text) throws IOException {
        writeAtomically(uri, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The whole content of a file as UTF-8 text. */
    default String readText(String uri) throws IOException {
        try (java.io.InputStream in = open(uri)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The local file of a {@code file:} location, or null for another file system. */
    static java.nio.file.Path localFile(String location) {
        if (!location.startsWith("file:")) {
            return null;
        }
        String p = location.substring("file:".length());
        return java.nio.file.Path.of(p.startsWith("//") ? p.substring(2) : p);
    }

    /** The location of a local file: {@code file://} and its absolute path, as written. */
    static String location(java.nio.file.Path file) {
        return "file://" + file.toAbsolutePath().normalize().toString().replace('\\', '/');
    }

    /** {@code base/child}, with one slash between. */
    static String join(String base, String child) {
        return base.replaceAll("/+$", "") + "/" + child;
    }

    /** The last path element of a URI. */
    static String name(String uri) {
        String u = uri.replaceAll("/+$", "");
        return u.substring(u.lastIndexOf('/') + 1);
    }

    /** The folder holding a URI. */
    static String parent(String uri) {
        String u = uri.replaceAll("/+$", "");
        return u.substring(0, u.lastIndexOf('/'));
    }
}
