package org.trackflow.pipeline.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@link Storage} on the local file system ({@code file:} URIs), with java.nio only. */
public final class LocalStorage implements Storage {
    private static Path path(String location) {
        Path local = Storage.localFile(location);
        return local != null ? local : Path.of(location);
    }

    @Override
    public boolean exists(String uri) {
        return Files.exists(path(uri));
    }

    @Override
    public List<Entry> list(String dirUri) throws IOException {
        Path dir = path(dirUri);
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                boolean d = Files.isDirectory(p);
                out.add(new Entry(Storage.location(p), p.getFileName().toString(), d, d ? 0 : Files.size(p)));
            }
        }
        return out;
    }

    @Override
    public long length(String uri) throws IOException {
        return Files.size(path(uri));
    }

    @Override
    public SeekableInput open(String uri) throws IOException {
        FileChannel ch = FileChannel.open(path(uri), StandardOpenOption.READ);
        return SeekableInput.of(Channels.newInputStream(ch), ch::position, ch::position);
    }

    @Override
    public OutputStream create(String uri) throws IOException {
        Path p = path(uri);
        Files.createDirectories(p.toAbsolutePath().getParent());
        return Files.newOutputStream(p);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Files.move(path(from), path(to), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(String uri) throws IOException {
        Files.deleteIfExists(path(uri));
    }

    @Override
    public void mkdirs(String dirUri) throws IOException {
        Files.createDirectories(path(dirUri));
    }
}
