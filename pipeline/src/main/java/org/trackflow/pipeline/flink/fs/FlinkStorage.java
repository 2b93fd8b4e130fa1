package org.trackflow.pipeline.flink.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.trackflow.pipeline.catalog.Storage;

/** {@link Storage} on Flink's file systems: local, and every scheme a plugin brings (s3://, hdfs://, ...). */
public final class FlinkStorage implements Storage {
    private static Path path(String uri) {
        return new Path(uri);
    }

    @Override
    public boolean exists(String uri) throws IOException {
        Path p = path(uri);
        return p.getFileSystem().exists(p);
    }

    @Override
    public List<Entry> list(String dirUri) throws IOException {
        Path dir = path(dirUri);
        FileSystem fs = dir.getFileSystem();
        List<Entry> out = new ArrayList<>();
        FileStatus[] files = fs.exists(dir) ? fs.listStatus(dir) : null;
        if (files != null) {
            for (FileStatus f : files) {
                out.add(new Entry(f.getPath().toString(), f.getPath().getName(), f.isDir(), f.getLen()));
            }
        }
        return out;
    }

    @Override
    public long length(String uri) throws IOException {
        Path p = path(uri);
        return p.getFileSystem().getFileStatus(p).getLen();
    }

    @Override
    public SeekableInput open(String uri) throws IOException {
        Path p = path(uri);
        FSDataInputStream in = p.getFileSystem().open(p);
        return SeekableInput.of(in, in::getPos, in::seek);
    }

    @Override
    public OutputStream create(String uri) throws IOException {
        Path p = path(uri);
        return p.getFileSystem().create(p, FileSystem.WriteMode.OVERWRITE);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Path f = path(from);
        FileSystem fs = f.getFileSystem();
        // Flink reports a failed rename by returning false; object stores refuse to rename onto an existing file.
        if (!fs.rename(f, path(to))) {
            fs.delete(path(to), false);
            if (!fs.rename(f, path(to))) {
                throw new IOException("cannot rename " + from + " to " + to);
            }
        }
    }

    @Override
    public void delete(String uri) throws IOException {
        Path p = path(uri);
        p.getFileSystem().delete(p, false);
    }

    @Override
    public void mkdirs(String dirUri) throws IOException {
        Path p = path(dirUri);
        p.getFileSystem().mkdirs(p);
    }
}
