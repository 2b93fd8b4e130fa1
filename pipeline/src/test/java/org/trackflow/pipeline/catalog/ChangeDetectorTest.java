package org.trackflow.pipeline.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diff of a library walk against a manifest, on real files: every kind of change, and what needs nothing. */
class ChangeDetectorTest {
    @TempDir
    Path lib;

    Path file(String rel, String content, long mtime) throws Exception {
        Path p = lib.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, FileTime.fromMillis(mtime));
        return p;
    }

    static void add(Manifest.Builder b, Path root, String rel, byte status, int version) throws Exception {
        Path p = root.resolve(rel);
        b.add(rel, Files.size(p), Files.getLastModifiedTime(p).toMillis(), ContentKey.of(p), rel.hashCode(), status, version);
    }

    @Test
    void findsNewChangedMovedDeletedAndLeavesTheRest() throws Exception {
        file("same.mp3", "same audio", 1000);
        file("changed.flac", "old audio", 1000);
        file("old/place.ogg", "moving audio", 1000);
        file("failed.wav", "bad audio", 1000);
        file("outdated.opus", "older features", 1000);
        file("gone.m4a", "soon gone", 1000);
        Manifest.Builder b = new Manifest.Builder();
        add(b, lib, "same.mp3", Manifest.OK, 2);
        add(b, lib, "changed.flac", Manifest.OK, 2);
        add(b, lib, "old/place.ogg", Manifest.OK, 2);
        add(b, lib, "failed.wav", Manifest.ERROR, 2);
        add(b, lib, "outdated.opus", Manifest.OK, 1);
        add(b, lib, "gone.m4a", Manifest.OK, 2);
        Manifest manifest = b.build();

        file("changed.flac", "new audio, longer", 2000);
        Files.createDirectories(lib.resolve("new"));
        Files.move(lib.resolve("old/place.ogg"), lib.resolve("new/place.ogg"));
        Files.delete(lib.resolve("gone.m4a"));
        file("fresh.mp3", "fresh audio", 3000);
        file("notes.txt", "not audio", 3000);
        file(".hidden/secret.mp3", "hidden", 3000);

        ChangeDetector.Result r = ChangeDetector.detect(lib, manifest, new ChangeDetector.Options(false, false, 2));
        assertThat(r.changes()).extracting(Change::kind, Change::relativePath).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Change.Kind.CHANGED, "changed.flac"),
                org.assertj.core.groups.Tuple.tuple(Change.Kind.MOVED, "new/place.ogg"),
                org.assertj.core.groups.Tuple.tuple(Change.Kind.DELETED, "gone.m4a"),
                org.assertj.core.groups.Tuple.tuple(Change.Kind.NEW, "fresh.mp3"));
        Change moved = r.changes().stream().filter(c -> c.kind() == Change.Kind.MOVED).findFirst().orElseThrow();
        assertThat(moved.previousPath()).isEqualTo("old/place.ogg");
        assertThat(moved.trackId()).isEqualTo("old/place.ogg".hashCode());
        assertThat(r.skippedErrors()).isEqualTo(1);
        assertThat(r.outdated()).isEqualTo(1);
        assertThat(r.scanned()).isEqualTo(6);

        ChangeDetector.Result retry = ChangeDetector.detect(lib, manifest, new ChangeDetector.Options(true, true, 2));
        assertThat(retry.count(Change.Kind.RETRY)).isEqualTo(1);
        assertThat(retry.count(Change.Kind.OUTDATED)).isEqualTo(1);
    }
}
