package org.trackflow.bench;

import java.nio.file.Path;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.ParquetFiles;
import org.trackflow.schemas.PlaylistEntry;

/** Exit 0 when the output's playlists hold the track at {@code path}, 1 when not (yet): the scale benchmark's watch probe. */
public final class PlaylistHas {
    private PlaylistHas() {}

    public static void main(String[] args) throws Exception {
        Output output = new Output(new LocalStorage(), Path.of(args[0]).toAbsolutePath().toUri().toString());
        boolean[] found = {false};
        if (output.storage().exists(output.playlistRows())) {
            ParquetFiles.read(output.storage(), output.playlistRows(), PlaylistEntry.class, e -> found[0] |= args[1].equals(e.getPath()));
        }
        System.exit(found[0] ? 0 : 1);
    }
}
