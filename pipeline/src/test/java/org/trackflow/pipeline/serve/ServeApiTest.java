package org.trackflow.pipeline.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trackflow.pipeline.serve.Http.q;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code trackflow serve} over an output the job analysed: every endpoint answers what the library holds,
 * mixes and paths keep what they are asked (seeds, exclusions, filters, gaps, waypoints), saving stays inside
 * playlists/saved, bliss-mixer's request gets bliss-mixer's answer, and every bad request is a 4xx with one
 * line of JSON.
 */
class ServeApiTest {
    static AnalysedLibrary lib;
    static TrackflowServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        lib = AnalysedLibrary.get();
        server = TrackflowServer.start(lib.output(), new TrackflowServer.Settings("127.0.0.1", 0, null, null, false, 500));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String id(String path) throws Exception {
        JsonNode found = http.get("/api/tracks?limit=500&q=").json().get("tracks");
        for (JsonNode t : found) {
            if (t.get("path").asText().equals(path)) {
                return t.get("track_id").asText();
            }
        }
        throw new AssertionError("no track " + path);
    }

    static List<String> paths(JsonNode tracks) {
        List<String> out = new ArrayList<>();
        tracks.forEach(t -> out.add(t.get("path").asText()));
        return out;
    }

    @Test
    void statusAndSearch() throws Exception {
        JsonNode status = http.get("/api/status").json();
        assertThat(status.get("tracks").asInt()).isEqualTo(lib.paths.size());
        assertThat(status.get("playlists").asInt()).isPositive();
        assertThat(http.get("/api/ready").body()).isEqualTo("1");

        JsonNode artistB = http.get("/api/tracks?q=" + q("song 10")).json();
        assertThat(artistB.get("total").asInt()).isEqualTo(AnalysedLibrary.PER_ALBUM);
        assertThat(artistB.get("tracks")).allSatisfy(t -> assertThat(t.get("artist").asText()).isEqualTo("Artist B"));
        // word starts, any order, accents and case ignored; results by path
        for (String query : List.of("song 100", "SÓNG 100 artist", "artist b 100")) {
            JsonNode one = http.get("/api/tracks?q=" + q(query)).json();
            assertThat(paths(one.get("tracks"))).as(query).singleElement().satisfies(p -> assertThat(p).startsWith("Artist B/Album 1/01 Song 100."));
        }
        JsonNode page = http.get("/api/tracks?limit=5&offset=5&q=").json();
        assertThat(page.get("total").asInt()).isEqualTo(lib.paths.size());
        assertThat(paths(page.get("tracks"))).containsExactlyElementsOf(lib.paths.stream().sorted().skip(5).limit(5).toList());
    }

    @Test
    void aTracksPageHasItsFeaturesButNoFingerprint() throws Exception {
        String path = lib.paths.get(3);
        JsonNode t = http.get("/api/tracks/" + q(id(path))).json();
        assertThat(t.get("path").asText()).isEqualTo(path);
        assertThat(t.get("bpm").asDouble()).isPositive();
        assertThat(t.get("mfcc_mean")).hasSize(13);
        assertThat(t.has("fingerprint")).isFalse();
    }

    @Test
    void anInstantMixStartsAtItsSeedAndRanksBySimilarity() throws Exception {
        String seed = lib.paths.get(0);
        JsonNode mix = http.get("/api/similar?n=6&seed=" + q(seed)).json().get("tracks");
        assertThat(mix).hasSize(7);
        assertThat(mix.get(0).get("path").asText()).isEqualTo(seed);
        assertThat(mix.get(0).get("similarity").asDouble()).isEqualTo(1.0);
        assertThat(mix.get(0).get("seed").asBoolean()).isTrue();
        for (int i = 1; i < mix.size(); i++) {
            assertThat(mix.get(i).get("similarity").asDouble()).isBetween(0.0, 1.0);
            assertThat(mix.get(i).get("seed").asBoolean()).isFalse();
        }
        assertThat(paths(mix)).doesNotHaveDuplicates();
    }

    @Test
    void severalSeedsExclusionsFiltersAndAnArtistGap() throws Exception {
        String a = lib.paths.get(0);
        String b = lib.paths.get(7);
        String excluded = id(lib.paths.get(2));
        JsonNode r = http.get("/api/similar?n=8&seed=" + q(a) + "&seed=" + q(id(b)) + "&exclude=" + excluded
                + "&include_seeds=false&artist_gap=2").json();
        JsonNode mix = r.get("tracks");
        assertThat(r.get("seeds")).hasSize(2);
        assertThat(paths(mix)).hasSizeBetween(1, 8).doesNotContain(a, b, lib.paths.get(2)).doesNotHaveDuplicates();
        List<String> artists = new ArrayList<>();
        mix.forEach(t -> artists.add(t.get("artist").asText()));
        for (int i = 0; i < artists.size(); i++) {
            for (int back = 1; back <= 2 && i - back >= 0; back++) {
                assertThat(artists.get(i)).as("artist %d places after the same one", back).isNotEqualTo(artists.get(i - back));
            }
        }
        JsonNode slow = http.get("/api/similar?n=20&include_seeds=false&max_bpm=120&seed=" + q(a)).json().get("tracks");
        assertThat(slow).isNotEmpty().allSatisfy(t -> assertThat(t.get("bpm").asDouble()).isLessThanOrEqualTo(120));
        JsonNode shortOnes = http.get("/api/similar?n=20&include_seeds=false&max_duration=12&seed=" + q(a)).json().get("tracks");
        assertThat(shortOnes).allSatisfy(t -> assertThat(t.get("duration_s").asDouble()).isLessThanOrEqualTo(12));
    }

    @Test
    void aSongPathGoesThroughItsWaypointsInOrder() throws Exception {
        String from = lib.paths.get(0);
        String via = lib.paths.get(9);
        String to = lib.paths.get(lib.paths.size() - 1);
        JsonNode path = http.get("/api/path?n=12&from=" + q(from) + "&via=" + q(via) + "&to=" + q(to)).json();
        List<String> steps = paths(path.get("tracks"));
        assertThat(steps.get(0)).isEqualTo(from);
        assertThat(steps.get(steps.size() - 1)).isEqualTo(to);
        assertThat(steps).contains(via).doesNotHaveDuplicates();
        assertThat(steps.indexOf(via)).isBetween(1, steps.size() - 2);
        assertThat(path.get("biggest_step").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void playlistsAsJsonAndM3u8() throws Exception {
        JsonNode all = http.get("/api/playlists").json().get("playlists");
        assertThat(all).isNotEmpty();
        int listed = 0;
        for (JsonNode p : all) {
            JsonNode one = http.get("/api/playlists/" + q(p.get("id").asText())).json();
            assertThat(one.get("name").asText()).isEqualTo(p.get("name").asText());
            assertThat(one.get("tracks")).hasSize(p.get("tracks").asInt());
            listed += p.get("tracks").asInt();
            Http.Answer m3u = http.get("/api/playlists/" + q(p.get("id").asText()) + ".m3u8");
            assertThat(m3u.contentType()).startsWith("audio/x-mpegurl");
            List<String> entries = m3u.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
            assertThat(entries).hasSize(p.get("tracks").asInt()).allSatisfy(e -> assertThat(Path.of(e)).isAbsolute().isRegularFile());
        }
        assertThat(listed).as("every track in a playlist: no two of them are one recording").isEqualTo(lib.paths.size());
        JsonNode map = http.get("/api/map").json();
        assertThat(map.get("points")).hasSize(lib.paths.size());
    }

    @Test
    void aSavedPlaylistIsAnM3u8InsidePlaylistsSaved() throws Exception {
        String body = "{\"name\":\"My mix: night & day\",\"tracks\":[\"" + id(lib.paths.get(0)) + "\",\"" + id(lib.paths.get(5)) + "\"]}";
        Http.Answer saved = http.post("/api/saved", body);
        assertThat(saved.status()).isEqualTo(201);
        Path file = lib.out.resolve(saved.json().get("file").asText());
        assertThat(file.getParent()).isEqualTo(lib.out.resolve("playlists/saved"));
        List<String> entries = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(entries).hasSize(2).allSatisfy(e -> assertThat(file.getParent().resolve(e).normalize()).isRegularFile());
        for (String name : List.of("../escape", "..", ".hidden", "a/b", "", "x".repeat(101), "tab\tname")) {
            Http.Answer refused = http.post("/api/saved", "{\"name\":" + Http.JSON.writeValueAsString(name) + ",\"tracks\":[\""
                    + id(lib.paths.get(0)) + "\"]}");
            assertThat(refused.status()).as(name).isEqualTo(400);
        }
        try (var files = Files.list(lib.out.resolve("playlists/saved"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).allSatisfy(n -> assertThat(n).doesNotStartWith("."));
        }
    }

    @Test
    void blissMixersRequestGetsItsAnswer() throws Exception {
        String seed = lib.paths.get(0);
        String previous = lib.paths.get(1);
        String request = "{\"count\":5,\"tracks\":[" + Http.JSON.writeValueAsString(seed) + ",\"not/in/the/library.mp3\"],\"previous\":["
                + Http.JSON.writeValueAsString(previous) + "],\"norepart\":1,\"filterxmas\":1,\"min\":0,\"max\":0,\"maxbpmdiff\":0,"
                + "\"shuffle\":0,\"genregroups\":[]}";
        Http.Answer r = http.post("/api/mix", request);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        List<String> lines = r.body().lines().toList();
        assertThat(lines).hasSize(5).doesNotContain(seed, previous).doesNotHaveDuplicates()
                .allSatisfy(l -> assertThat(lib.paths).contains(l));
        // genre groups: an Ambient seed in the group [Ambient] takes only Ambient tracks
        String ambient = lib.paths.get(1);
        Http.Answer grouped = http.post("/api/mix", "{\"count\":50,\"filtergenre\":1,\"tracks\":[" + Http.JSON.writeValueAsString(ambient)
                + "],\"genregroups\":[[\"Ambient\"],[\"Drum and Bass\"]]}");
        Set<String> genres = new HashSet<>();
        for (String p : grouped.body().lines().toList()) {
            genres.add(http.get("/api/tracks/" + q(id(p))).json().get("genre").asText());
        }
        assertThat(genres).containsExactly("Ambient");
    }

    @Test
    void badRequestsAre4xxWithOneLineOfJson() throws Exception {
        String seed = q(lib.paths.get(0));
        List<Http.Answer> bad = List.of(
                http.get("/api/tracks/no-such-id"),
                http.get("/api/similar?seed=no%20such%20track"),
                http.get("/api/similar"),
                http.get("/api/similar?seed=" + seed + "&n=abc"),
                http.get("/api/similar?seed=" + seed + "&n=100000"),
                http.get("/api/similar?seed=" + seed + "&max_bpm=fast"),
                http.get("/api/similar?seed=" + seed + "&include_seeds=maybe"),
                http.get("/api/similar?seed=" + q("../../etc/passwd")),
                http.get("/api/path?from=" + seed),
                http.get("/api/path?from=" + seed + "&to=" + seed),
                http.get("/api/playlists/nope"),
                http.get("/api/nothing-here"),
                http.post("/api/mix", "{not json"),
                http.post("/api/mix", "[1,2]"),
                http.post("/api/mix", "{\"count\":500,\"tracks\":[\"a\"]}"),
                http.post("/api/mix", "{\"tracks\":[\"nothing/known.mp3\"]}"),
                http.post("/api/saved", "{\"name\":\"x\",\"tracks\":[\"no-such-id\"]}"),
                http.post("/api/saved", "{\"name\":\"x\",\"tracks\":[" + "\"x\",".repeat(100_000) + "\"x\"]}"),
                http.raw("GET /api/../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
                http.raw("GET /api/tracks?q=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
                http.raw("GET /api/tracks HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n"));
        for (Http.Answer a : bad) {
            assertThat(a.status()).as(a.body()).isBetween(400, 499);
            assertThat(a.body().strip()).as("one line").doesNotContain("\n");
            assertThat(Http.JSON.readTree(a.body()).get("error").asText()).as(a.body()).isNotBlank()
                    .doesNotContain("Exception").doesNotContain("at org.").doesNotContain("at io.");
        }
        assertThat(http.get("/api/status").status()).as("still serving").isEqualTo(200);
    }

    @Test
    void aPathOutOfTheLibraryIs400AndAnOversizedBody413() throws Exception {
        for (Http.Answer a : List.of(http.get("/api/similar?seed=" + q("../../etc/passwd")),
                http.get("/api/path?from=" + q("../x.flac") + "&to=" + q(lib.paths.get(0))))) {
            assertThat(a.status()).as(a.body()).isEqualTo(400);
            assertThat(Http.JSON.readTree(a.body()).get("error").asText()).contains("..");
        }
        // valid JSON, over the server's limit on a body
        String big = "{\"name\":\"x\",\"tracks\":[\"" + "a".repeat((int) TrackflowServer.MAX_BODY) + "\"]}";
        Http.Answer a = http.post("/api/saved", big);
        assertThat(a.status()).as(a.body()).isEqualTo(413);
        assertThat(a.body().strip()).doesNotContain("\n");
        assertThat(Http.JSON.readTree(a.body()).get("error").asText()).isNotBlank().doesNotContain("Exception");
        assertThat(http.get("/api/status").status()).isEqualTo(200);
    }

    @Test
    void aTokenGuardsEveryRequestAndAnotherAddressNeedsOne() throws Exception {
        try (TrackflowServer guarded = TrackflowServer.start(lib.output(), new TrackflowServer.Settings("127.0.0.1", 0, "s3cret", null, false, 500))) {
            Http none = new Http(guarded.port());
            for (String path : List.of("/", "/api/status", "/api/tracks", "/api/nothing")) {
                Http.Answer a = none.get(path);
                assertThat(a.status()).as(path).isEqualTo(401);
                assertThat(Http.JSON.readTree(a.body()).get("error").asText()).contains("token");
            }
            assertThat(new Http(guarded.port(), "wrong").get("/api/status").status()).isEqualTo(401);
            assertThat(new Http(guarded.port(), "s3cret").get("/api/status").status()).isEqualTo(200);
            assertThat(none.get("/api/status?token=s3cret").status()).isEqualTo(200);
            // a browser's first visit: the token in the address becomes a cookie its page's requests carry
            Http.Answer first = none.raw("GET /?token=s3cret HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.head()).contains("set-cookie: trackflow-token=s3cret").contains("httponly").contains("samesite=strict");
            assertThat(none.raw("GET /app.js HTTP/1.1\r\nHost: localhost\r\nCookie: trackflow-token=s3cret\r\nConnection: close\r\n\r\n").status())
                    .isEqualTo(200);
            assertThat(none.raw("GET /app.js HTTP/1.1\r\nHost: localhost\r\nCookie: trackflow-token=guess\r\nConnection: close\r\n\r\n").status())
                    .isEqualTo(401);
        }
        assertThatThrownBy(() -> TrackflowServer.start(lib.output(), new TrackflowServer.Settings("0.0.0.0", 0, null, null, false, 500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    }

    @Test
    void aLoopbackServerAnswersOnlyLocalNamesAndJsonBodies() throws Exception {
        // another site's page rebinding its name to 127.0.0.1 still sends its own name as Host
        for (String host : List.of("evil.example", "evil.example:" + server.port(), "192.168.1.20", "127.evil.example", "127.0.0.1.evil.example:" + server.port())) {
            Http.Answer a = http.raw("GET /api/status HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertThat(a.status()).as(host).isEqualTo(403);
            assertThat(Http.JSON.readTree(a.body()).get("error").asText()).contains("localhost");
        }
        for (String host : List.of("localhost", "127.0.0.1:" + server.port(), "[::1]:" + server.port())) {
            assertThat(http.raw("GET /api/status HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").status()).as(host).isEqualTo(200);
        }
        // a form post (which a page on any site may send without asking) is not a JSON request
        String form = "tracks=a";
        Http.Answer a = http.raw("POST /api/mix HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + form.length() + "\r\nConnection: close\r\n\r\n" + form);
        assertThat(a.status()).isEqualTo(415);
        assertThat(Http.JSON.readTree(a.body()).get("error").asText()).contains("application/json");
    }

    /** What {@code trackflow ARGS} wrote as its M3U8 (the one file of {@code folder} named with {@code part}), as library paths. */
    static List<String> cli(String folder, String part, String... args) throws Exception {
        int exit = org.trackflow.pipeline.cli.CommandLineAccess.run(args);
        assertThat(exit).isZero();
        Path dir = lib.out.resolve("playlists").resolve(folder);
        Path m3u;
        try (var files = Files.list(dir)) {
            m3u = files.filter(f -> f.getFileName().toString().contains(part)).findFirst().orElseThrow();
        }
        return Files.readAllLines(m3u).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> lib.library.relativize(m3u.getParent().resolve(l).normalize()).toString()).toList();
    }

    @Test
    void mixesAndPathsAreTheCommandsOwn() throws Exception {
        String seed = lib.paths.get(4);
        List<String> command = cli("similar", "Song 011", "--out", lib.out.toString(), "similar", seed, "-n", "9");
        assertThat(paths(http.get("/api/similar?n=9&seed=" + q(seed)).json().get("tracks"))).containsExactlyElementsOf(command);
        String from = lib.paths.get(1);
        String to = lib.paths.get(20);
        List<String> path = cli("paths", "Song 001", "--out", lib.out.toString(), "path", from, to, "-n", "8");
        assertThat(paths(http.get("/api/path?n=8&from=" + q(from) + "&to=" + q(to)).json().get("tracks"))).containsExactlyElementsOf(path);
    }

    @Test
    void thePageIsServedAtTheRoot() throws Exception {
        Http.Answer page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>trackflow</title>").contains("app.js");
        assertThat(http.get("/app.js").status()).isEqualTo(200);
    }
}
