package org.trackflow.pipeline.report;

import org.trackflow.pipeline.playlists.Station;
import org.trackflow.pipeline.playlists.Playlist;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.schemas.TrackRecord;

class ReportTest {
    private static final String[] KEYS = {"C", "G", "D", "A", "E", "B"};
    private static final String HOSTILE = "</script><b id=\"injected\">x</b><script>document.body.setAttribute('data-pwned','1')</script>";

    @TempDir
    Path dir;

    private static TrackRecord row(int i, String artist, String title, String path) {
        int v = i % 7;
        List<Float> mfcc = new ArrayList<>(Collections.nCopies(13, (float) v));
        mfcc.set(1 + v % 12, 10f + v + (i % 13) / 10f);
        mfcc.set(2 + i % 11, (float) (i % 17));
        return TrackRecord.newBuilder().setTrackId(String.format("%016x", i)).setPath(path).setSizeBytes(1).setMtimeMs(0)
                .setStatus("ok").setAnalyzedAt(Instant.EPOCH).setAnalysisMode("full").setMfccMean(mfcc)
                .setArtist(artist).setTitle(title).setBpm(90.0 + 10 * v + i % 5).setLoudnessLufs(-20.0 + v)
                .setKey(KEYS[i % KEYS.length]).setScale(i % 2 == 0 ? "major" : "minor").setCamelot((i % 12 + 1) + (i % 2 == 0 ? "B" : "A"))
                .setDurationS(200.0).build();
    }

    private static Playlist playlist(String id, String name, String station, List<TrackRecord> tracks) {
        return new Playlist(id, name, station, tracks, Collections.nCopies(tracks.size(), 0.0), new double[0]);
    }

    /** Three playlists of four; tags with markup, quotes, ampersands, non-ASCII text, and one track without tags. */
    private static List<Playlist> small(boolean stations) {
        List<TrackRecord> t = new ArrayList<>();
        t.add(row(0, "Évelyne & \"Les Quatre\"", HOSTILE, "chanson/evelyne.flac"));
        t.add(row(1, "坂本龍一", "戦場のメリークリスマス", "ost/merry.flac"));
        t.add(row(2, "O'Brien", "It's <b>bold</b> & \u2028 odd", "folk/obrien.mp3"));
        t.add(row(3, null, null, "/srv/untagged/just a file name.ogg"));
        for (int i = 4; i < 12; i++) {
            t.add(row(i, "Artist " + i, "Title " + i, String.format("misc/%02d Title %d.mp3", i, i)));
        }
        return List.of(
                playlist("p0", "95 BPM · C major · warm · low energy", stations ? "Chill" : null, t.subList(0, 4)),
                playlist("p1", "120 BPM · A minor · bright · mid energy", stations ? "Chill" : null, t.subList(4, 8)),
                playlist("p2", "140 BPM · E minor & <co> · dark", stations ? "Peak <time>" : null, t.subList(8, 12)));
    }

    private static List<TrackRecord> library(List<Playlist> lists) {
        List<TrackRecord> all = new ArrayList<>();
        lists.forEach(p -> all.addAll(p.tracks()));
        return all;
    }

    @Test
    void tagTextCannotCloseTheScriptBlock() {
        assertThat(ReportData.json("</script><!--\u2028\u2029&\"\\\n"))
                .isEqualTo("\"\\u003c/script\\u003e\\u003c!--\\u2028\\u2029\\u0026\\\"\\\\\\u000a\"");
        assertThat(ReportData.json("ok \ud83c\udfb5 \ud800")).isEqualTo("\"ok \ud83c\udfb5 \\ud800\"");
        List<Playlist> lists = small(false);
        String html = Report.html(lists, library(lists), 7);
        // Only the page's own two script blocks close; no tag text reaches the page unescaped.
        assertThat(html.split("</script>", -1)).hasSize(3);
        assertThat(html).doesNotContain("<b id=\"injected\"").doesNotContain("<b>bold</b>").doesNotContain("<co>");
        // Nothing to fetch: no URL anywhere in the page.
        assertThat(html).doesNotContain("http:", "https:", "//cdn");
    }

    @Test
    void rendersInChromiumWithHoverTitlesAndNoInjectedMarkup() throws Exception {
        List<Playlist> lists = small(false);
        String dom = chromiumDom(Report.html(lists, library(lists), 7), "");

        List<String> titles = new ArrayList<>();
        Matcher m = Pattern.compile("<circle [^>]*data-p=[^>]*><title>([^<]*)</title></circle>").matcher(dom);
        while (m.find()) {
            titles.add(m.group(1));
        }
        // Every track is a point (no sampling below 5 000), named "artist – title", else by its file name.
        assertThat(titles).hasSize(12).contains("坂本龍一 – 戦場のメリークリスマス", "Artist 5 – Title 5", "just a file name.ogg",
                "Évelyne &amp; \"Les Quatre\" – &lt;/script&gt;&lt;b id=\"injected\"&gt;x&lt;/b&gt;&lt;script&gt;"
                        + "document.body.setAttribute('data-pwned','1')&lt;/script&gt;",
                "O'Brien – It's &lt;b&gt;bold&lt;/b&gt; &amp; \u2028 odd");
        assertThat(dom).doesNotContain("<b id=\"injected\"").doesNotContain("data-pwned=").doesNotContain("<b>bold</b>");
        assertThat(dom).contains("<input id=\"q\" type=\"search\"");
        // The first three playlists start open, their rows drawn by the script; the playlist name is text.
        assertThat(dom).contains("<td>Artist 9 – Title 9</td>", "<td class=\"file\">/srv/untagged/just a file name.ogg</td>",
                "<td class=\"file\">misc/09 Title 9.mp3</td>",
                "140 BPM · E minor &amp; &lt;co&gt; · dark");
        assertThat(Pattern.compile("<details class=\"list\"[^>]*>").matcher(dom).results().count()).isEqualTo(3);
    }

    @Test
    void stationsGroupPlaylistsAndALinkWithASearchFiltersThem() throws Exception {
        List<Playlist> lists = small(true);
        String dom = chromiumDom(Report.html(lists, library(lists), 7), "坂本");

        assertThat(Pattern.compile("<details class=\"station\"[^>]*>").matcher(dom).results().count()).isEqualTo(2);
        assertThat(dom).contains("Peak &lt;time&gt; ").contains("1 track match; 1 playlist shown");
        // The match is open with only its row; the other playlists are hidden, and so is the station without a match.
        assertThat(dom).contains("<td>坂本龍一 – 戦場のメリークリスマス</td>").doesNotContain("<td>Artist 5 – Title 5</td>");
        assertThat(Pattern.compile("<details class=\"list\" hidden=\"\"").matcher(dom).results().count()).isEqualTo(2);
        assertThat(Pattern.compile("<details class=\"station\" hidden=\"\"").matcher(dom).results().count()).isEqualTo(1);
        assertThat(Pattern.compile("<circle [^>]*class=\"dim\"").matcher(dom).results().count()).isEqualTo(11);
    }

    @Test
    void aHundredThousandTracksInTwoAndAHalfThousandPlaylistsMakeAPageUnderThreeMegabytes() {
        // Tags and paths longer than most: "Artist/Album/NN Title.flac", albums of 11 tracks, 3 albums an
        // artist, and every playlist drawn from all over the library (7 919 is prime to 100 000).
        List<Playlist> lists = new ArrayList<>();
        List<TrackRecord> all = new ArrayList<>();
        for (int p = 0; p < 2_500; p++) {
            List<TrackRecord> tracks = new ArrayList<>();
            for (int j = 0; j < 40; j++) {
                int i = p * 40 + j;
                int album = (int) ((long) i * 7_919 % 100_000) / 11;
                String artist = "The Artist Number " + album / 3;
                String title = "A Track Title Of Some Length " + i;
                TrackRecord r = row(i, artist, title, "/music/" + artist + "/An Album Called " + album + "/"
                        + String.format("%02d ", i % 11 + 1) + title + ".flac");
                tracks.add(r);
                all.add(r);
            }
            lists.add(playlist(String.format("%016x", p), (90 + p % 80) + " BPM · A minor · bright · high energy " + p,
                    "Station " + p / 50, tracks));
        }
        String html = Report.html(lists, all, 3);
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        Matcher capped = Pattern.compile("lists the first (\\d+) tracks of each playlist \\((\\d+) of 100000 tracks\\)").matcher(html);
        assertThat(capped.find()).isTrue();
        System.out.printf("report.html for 100 000 tracks in 2 500 playlists: %d bytes, the first %s tracks of each playlist listed%n",
                bytes, capped.group(1));
        assertThat(bytes).isLessThan(3_000_000);
        assertThat(Integer.parseInt(capped.group(1))).isBetween(5, 39);
        assertThat(html).contains("a fixed sample of 5000 of the 100000 tracks");

        List<Playlist> few = small(false);
        int smallBytes = Report.html(few, library(few), 7).getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("report.html for 12 tracks in 3 playlists: %d bytes%n", smallBytes);
    }

    /** The page as Chromium has it after its scripts ran; skipped without Chromium unless CI requires it. */
    private String chromiumDom(String html, String search) throws Exception {
        if (System.getenv("TRACKFLOW_REQUIRE_CHROMIUM") != null) {
            assertThat(chromiumAvailable()).as("chromium on the PATH (TRACKFLOW_REQUIRE_CHROMIUM is set)").isTrue();
        }
        assumeTrue(chromiumAvailable(), "chromium is not installed (CI installs Debian's package)");
        Path page = dir.resolve("report.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        String url = page.toUri() + (search.isEmpty() ? "" : "#q=" + URLEncoder.encode(search, StandardCharsets.UTF_8).replace("+", "%20"));
        Path out = dir.resolve("dom.html");
        Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", url)
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static boolean chromiumAvailable() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "chromium"))) {
                return true;
            }
        }
        return false;
    }
}
