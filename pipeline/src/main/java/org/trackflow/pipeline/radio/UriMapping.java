package org.trackflow.pipeline.radio;

import java.io.IOException;
import java.util.List;
import org.trackflow.pipeline.neighbours.Neighbours;
import org.trackflow.schemas.TrackRecord;

/**
 * MPD's URIs and the library's paths: MPD names a track by its path under its {@code music_directory}, trackflow
 * by its path under the library root. When the two folders differ, one path holds the other's as its end:
 * {@code mpdPrefix + rest} is MPD's URI of the library's {@code libraryPrefix + rest}.
 */
public record UriMapping(String mpdPrefix, String libraryPrefix) {
    /** The mapping for the library root at {@code prefix} inside MPD's music directory. */
    public static UriMapping mpdHolds(String prefix) {
        return new UriMapping(slash(prefix), "");
    }

    private static String slash(String p) {
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    /** The library's track of MPD's {@code uri}, or null. */
    public TrackRecord track(Neighbours n, String uri) throws IOException {
        if (uri == null || !uri.startsWith(mpdPrefix)) {
            return null;
        }
        String path = libraryPrefix + uri.substring(mpdPrefix.length());
        TrackRecord t = n.findExact(path); // a whole path: never the wildcard scans of a path's end or part
        return t != null && t.getPath().equals(path) ? t : null;
    }

    /** MPD's URI of a track, or null when MPD's music directory does not hold it. */
    public String uri(TrackRecord t) {
        return t.getPath().startsWith(libraryPrefix) ? mpdPrefix + t.getPath().substring(libraryPrefix.length()) : null;
    }

    /**
     * The mapping under which one of MPD's {@code uris} is a track of the library: the same folder, MPD's
     * music directory above the library root, or below it; null when none of them is.
     */
    static UriMapping detect(Neighbours n, List<String> uris) throws IOException {
        for (String uri : uris) {
            if (uri == null || uri.contains("://")) {
                continue; // a stream, not a file
            }
            // MPD's folder above the library's: drop leading folders of the URI
            String rest = uri;
            String dropped = "";
            while (true) {
                TrackRecord t = n.findExact(rest);
                if (t != null && t.getPath().equals(rest)) {
                    return new UriMapping(dropped, "");
                }
                int slash = rest.indexOf('/');
                if (slash < 0) {
                    break;
                }
                dropped += rest.substring(0, slash + 1);
                rest = rest.substring(slash + 1);
            }
            // MPD's folder below the library's: a track whose path ends with the URI
            TrackRecord t = n.find(uri);
            if (t != null && t.getPath().endsWith("/" + uri)) {
                return new UriMapping("", t.getPath().substring(0, t.getPath().length() - uri.length()));
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "MPD '" + mpdPrefix + "…' = library '" + libraryPrefix + "…'";
    }
}
