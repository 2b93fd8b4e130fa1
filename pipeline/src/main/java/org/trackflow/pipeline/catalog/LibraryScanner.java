package org.trackflow.pipeline.catalog;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Walks a library folder: audio files by extension (case-insensitive), following symbolic links but
 * never into a loop, skipping hidden files and folders (names starting with '.'). Reads file system
 * metadata only.
 */
public final class LibraryScanner {
    /** Extensions trackflow analyses. */
    public static final Set<String> AUDIO_EXTENSIONS = Set.of(
            "mp3", "flac", "ogg", "oga", "opus", "m4a", "mp4", "aac", "wav", "aif", "aiff", "wma", "wv", "ape");

    private LibraryScanner() {}

    public static boolean isAudio(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Calls {@code out} for every audio file under {@code root}, in walk order. */
    public static void scan(Path root, Consumer<LibraryFile> out) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(base)) {
            throw new IOException("library folder not found: " + base);
        }
        Files.walkFileTree(base, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(base) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (attrs.isRegularFile() && !hidden(file) && isAudio(name)) {
                    String rel = base.relativize(file).toString().replace('\\', '/');
                    out.accept(new LibraryFile(file.toString(), rel, attrs.size(), attrs.lastModifiedTime().toMillis()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // A symlink loop (FileSystemLoopException), a dangling link or an unreadable folder:
                // skip it, the rest of the library still counts.
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
