package org.trackflow.pipeline.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.neighbours.Mixer;
import org.trackflow.pipeline.neighbours.Neighbours;
import org.trackflow.pipeline.neighbours.TrackText;
import org.trackflow.pipeline.playlists.PlaylistStore;
import org.trackflow.schemas.TrackRecord;

/**
 * The JSON API (docs/api.md): tracks and search, instant mixes and song paths (the engine-free queries the
 * {@code similar} and {@code path} commands run), playlists as JSON and M3U8, playlists saved from the page,
 * the map, and bliss-mixer's {@code POST /api/mix} ({@link BlissMix}). Every answer comes from one library
 * snapshot, taken when the request starts.
 */
final class Api {
    static final int MAX_COUNT = 200;
    static final int MAX_SEEDS = 20;
    static final int MAX_WAYPOINTS = 10;
    static final int MAX_EXCLUDED = 2000;

    private final Snapshots snapshots;
    private final ObjectMapper json;

    Api(Snapshots snapshots, ObjectMapper json) {
        this.snapshots = snapshots;
        this.json = json;
    }

    interface Answer {
        Object from(Library library, Context ctx) throws IOException;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/ready", ctx -> {
            try (Snapshots.Lease lease = snapshots.acquire()) {
                ctx.contentType("text/plain").result(lease == null ? "0" : "1");
            }
        });
        routes.get("/api/status", ctx -> answer(ctx, this::status));
        routes.get("/api/tracks", ctx -> answer(ctx, this::search));
        routes.get("/api/tracks/{id}", ctx -> answer(ctx, (l, c) -> {
            TrackRecord t = l.byId(c.pathParam("id"));
            if (t == null) {
                throw ApiError.notFound("no track with id '" + Params.clip(c.pathParam("id")) + "'");
            }
            return TrackJson.full(t);
        }));
        routes.get("/api/similar", ctx -> answer(ctx, this::similar));
        routes.get("/api/path", ctx -> answer(ctx, this::path));
        routes.get("/api/playlists", ctx -> answer(ctx, this::playlists));
        routes.get("/api/playlists/{id}", ctx -> answer(ctx, this::playlist));
        routes.get("/api/map", ctx -> answer(ctx, (l, c) -> {
            c.contentType("application/json").result(l.mapJson);
            return null;
        }));
        routes.post("/api/saved", ctx -> answer(ctx, this::save));
        routes.post("/api/mix", ctx -> answer(ctx, (l, c) -> {
            c.contentType("text/plain; charset=utf-8").result(String.join("\n", BlissMix.paths(l, BlissMix.parse(json, c.body()))));
            return null;
        }));
    }

    /** Runs {@code a} on the current library; its value (if any) is the JSON answer. */
    private void answer(Context ctx, Answer a) throws IOException {
        try (Snapshots.Lease lease = snapshots.acquire()) {
            if (lease == null) {
                throw new ApiError(503, "no analysed library yet: the first scan's after-scan stage has not finished");
            }
            Object value = a.from(lease.library, ctx);
            if (value != null) {
                ctx.contentType("application/json").result(json.writeValueAsString(value));
            }
        }
    }

    private Object status(Library l, Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scan", l.scan);
        m.put("tracks", l.tracks.size());
        m.put("compared", l.neighbours == null ? 0 : l.neighbours.size());
        m.put("indexed", l.neighbours != null && l.neighbours.indexed());
        m.put("playlists", l.playlists.size());
        m.put("library", l.root == null ? null : l.root.toString());
        m.put("swaps", snapshots.swaps());
        return m;
    }

    private Object search(Library l, Context ctx) throws IOException {
        Params p = new Params(ctx);
        String q = p.text("q", 200);
        int limit = p.integer("limit", 50, 1, 500);
        int offset = p.integer("offset", 0, 0, 10_000_000);
        TrackText.Found found = l.tracks.search(q == null ? "" : q, offset, limit);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", found.total());
        m.put("offset", offset);
        m.put("tracks", found.tracks().stream().map(TrackJson::summary).toList());
        return m;
    }

    /** The track a request means: its id, its path (relative to the library, or absolute inside it), or as the CLI finds it. */
    static TrackRecord track(Library l, String arg) throws IOException {
        return track(l, arg, false);
    }

    /** As above; {@code exact}: only the id or the whole path (a player's paths, which must not match another track's end). */
    static TrackRecord track(Library l, String arg, boolean exact) throws IOException {
        String seed = arg;
        if (l.root != null && seed.startsWith(l.root.toString() + "/")) {
            seed = seed.substring(l.root.toString().length() + 1);
        }
        if (seed.contains("..") && Path.of(seed).normalize().startsWith("..")) {
            throw ApiError.badRequest("a path must stay inside the library: '" + Params.clip(arg) + "'");
        }
        TrackRecord t = exact ? l.neighbours().findExact(seed) : l.neighbours().find(seed);
        if (t == null) {
            throw ApiError.notFound("no analysed track matches '" + Params.clip(arg) + "'");
        }
        return t;
    }

    private Object similar(Library l, Context ctx) throws IOException {
        Params p = new Params(ctx);
        List<String> seedArgs = p.repeated("seed", MAX_SEEDS);
        if (seedArgs.isEmpty()) {
            throw ApiError.badRequest("seed is required (a track id or path; repeat it for several seeds)");
        }
        int n = p.integer("n", 30, 1, MAX_COUNT);
        Set<String> exclude = Set.copyOf(p.list("exclude", MAX_EXCLUDED));
        Double minBpm = p.number("min_bpm", 0, 1000);
        Double maxBpm = p.number("max_bpm", 0, 1000);
        Double minDuration = p.number("min_duration", 0, 1_000_000);
        Double maxDuration = p.number("max_duration", 0, 1_000_000);
        int artistGap = p.integer("artist_gap", 0, 0, 100);
        int albumGap = p.integer("album_gap", 0, 0, 100);
        boolean includeSeeds = p.bool("include_seeds", true);
        List<TrackRecord> seeds = new ArrayList<>();
        for (String s : seedArgs) {
            seeds.add(track(l, s));
        }
        Predicate<TrackRecord> accept = t -> within(t.getBpm(), minBpm, maxBpm) && within(t.getDurationS(), minDuration, maxDuration);
        Mixer.Request request = new Mixer.Request(seeds, n, accept, exclude, List.of(), artistGap, albumGap, includeSeeds);
        List<Mixer.Item> mix = Mixer.mix(l.neighbours(), request);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seeds", request.seeds().stream().map(TrackRecord::getTrackId).toList());
        m.put("tracks", mix.stream().map(i -> {
            Map<String, Object> t = TrackJson.summary(i.track());
            t.put("similarity", i.similarity());
            t.put("seed", i.seed());
            return t;
        }).toList());
        return m;
    }

    /** Whether {@code v} lies within the bounds asked (none asked: anything, even no value). */
    private static boolean within(Double v, Double min, Double max) {
        if (min == null && max == null) {
            return true;
        }
        return v != null && (min == null || v >= min) && (max == null || v <= max);
    }

    private Object path(Library l, Context ctx) throws IOException {
        Params p = new Params(ctx);
        String from = p.required("from", 4096);
        String to = p.required("to", 4096);
        List<String> via = p.repeated("via", MAX_WAYPOINTS);
        int n = p.integer("n", 20, 2, MAX_COUNT);
        List<TrackRecord> stops = new ArrayList<>();
        stops.add(track(l, from));
        for (String v : via) {
            stops.add(track(l, v));
        }
        stops.add(track(l, to));
        for (int i = 1; i < stops.size(); i++) {
            if (stops.get(i).getTrackId().equals(stops.get(i - 1).getTrackId())) {
                throw ApiError.badRequest("two stops in a row are the same track: " + stops.get(i).getPath());
            }
        }
        if (n < stops.size()) {
            throw ApiError.badRequest("n must be at least the number of stops (" + stops.size() + ")");
        }
        Neighbours.Mix path = l.neighbours().path(stops, n);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stops", stops.stream().map(TrackRecord::getTrackId).toList());
        m.put("biggest_step", path.biggestStep());
        List<Map<String, Object>> tracks = new ArrayList<>();
        for (int i = 0; i < path.tracks().size(); i++) {
            Map<String, Object> t = TrackJson.summary(path.tracks().get(i));
            t.put("distance_to_stop", path.distances().get(i));
            t.put("step", path.steps().get(i));
            tracks.add(t);
        }
        m.put("tracks", tracks);
        return m;
    }

    private Object playlists(Library l, Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>(l.playlists.size());
        for (Library.Playlist p : l.playlists) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("name", p.name());
            m.put("station", p.station());
            m.put("tracks", p.tracks().length);
            out.add(m);
        }
        return Map.of("scan", l.scan, "playlists", out);
    }

    private Object playlist(Library l, Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        boolean m3u = id.endsWith(".m3u8");
        Library.Playlist p = l.playlistById.get(m3u ? id.substring(0, id.length() - 5) : id);
        if (p == null) {
            throw ApiError.notFound("no playlist with id '" + Params.clip(id) + "'");
        }
        List<TrackRecord> rows = l.rows(p);
        if (m3u) {
            // absolute paths: a player asking over HTTP has no output folder to be relative to
            ctx.contentType("audio/x-mpegurl; charset=utf-8").result(new PlaylistStore(l.output, root(l)).m3u(p.name(), rows, null));
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("station", p.station());
        List<Map<String, Object>> tracks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> t = TrackJson.summary(rows.get(i));
            t.put("position", i + 1);
            t.put("distance", p.distances()[i]);
            tracks.add(t);
        }
        m.put("tracks", tracks);
        return m;
    }

    private static Path root(Library l) {
        return l.root != null ? l.root : Path.of(".").toAbsolutePath();
    }

    /** {@code {"name": ..., "tracks": [id, ...]}}: an M3U8 in playlists/saved, named after it. */
    private Object save(Library l, Context ctx) throws IOException {
        SavedPlaylist request = SavedPlaylist.parse(json, ctx.body());
        List<TrackRecord> rows = new ArrayList<>();
        for (String id : request.tracks()) {
            TrackRecord t = l.byId(id);
            if (t == null) {
                throw ApiError.notFound("no track with id '" + Params.clip(id) + "'");
            }
            rows.add(t);
        }
        Output out = l.output;
        String file = out.savedPlaylist(request.name());
        new PlaylistStore(out, root(l)).writeM3u(file, request.name(), rows);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", request.name());
        m.put("file", file.substring(out.root().length()).replaceFirst("^/", ""));
        m.put("tracks", rows.size());
        ctx.status(201);
        return m;
    }
}
