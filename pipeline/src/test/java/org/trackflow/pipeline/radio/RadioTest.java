package org.trackflow.pipeline.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.JobRunner;
import org.trackflow.pipeline.TestLibraries;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.Storage;
import org.trackflow.pipeline.flink.fs.FlinkStorage;
import org.trackflow.pipeline.neighbours.Neighbours;

/**
 * The radio against a real MPD (Debian's mpd, started here on a loopback port with a null audio output, its
 * music directory the folder above the library, so that its URIs and the library's paths differ by a
 * folder): after one seed track is queued and playing, the radio fills the queue with tracks of the library,
 * none the seed, no artist twice in a row, and tops it up again as the listener skips on. Skipped without
 * mpd unless TRACKFLOW_REQUIRE_MPD is set (CI installs it).
 */
class RadioTest {
    static final String MPD = "/usr/bin/mpd";

    @TempDir
    Path tmp;
    Process mpd;

    @AfterEach
    void stopMpd() throws Exception {
        if (mpd != null) {
            mpd.destroy();
            if (!mpd.waitFor(10, TimeUnit.SECONDS)) {
                mpd.destroyForcibly();
            }
        }
    }

    /** The analysed library (4 artists, 3 tracks each) in MPD's database, MPD listening. */
    private record Setup(List<String> paths, Output output, int port) {}

    private Setup setUp() throws Exception {
        boolean present = Files.isExecutable(Path.of(MPD));
        if (System.getenv("TRACKFLOW_REQUIRE_MPD") != null) {
            assertThat(present).as("mpd (TRACKFLOW_REQUIRE_MPD is set)").isTrue();
        }
        assumeTrue(present, "mpd is not installed (CI installs Debian's package)");
        Path library = tmp.resolve("music");
        List<String> paths = TestLibraries.artists(library, 4, 3);
        Path out = tmp.resolve("out");
        JobRunner.run(library, out, 2, 30);
        Setup setup = new Setup(paths, new Output(new FlinkStorage(), Storage.location(out)), startMpd(tmp));
        try (MpdClient client = MpdClient.connect("127.0.0.1", setup.port(), 10_000)) {
            client.command("update");
            long deadline = System.currentTimeMillis() + 60_000;
            while (client.status().containsKey("updating_db") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
        }
        return setup;
    }

    @Test
    void keepsTheQueueGoingAfterOneSeed() throws Exception {
        Setup setup = setUp();
        List<String> paths = setup.paths();
        int port = setup.port();
        try (MpdClient client = MpdClient.connect("127.0.0.1", port, 10_000);
             Neighbours neighbours = Neighbours.open(new CurrentView(setup.output()), false)) {
            String seed = "music/" + paths.get(0);
            client.add(seed);
            client.command("play", "0");

            Radio.Settings settings = new Radio.Settings(5, 3, Duration.ofHours(1), 1);
            Radio radio = new Radio(client, () -> neighbours, settings, null, Clock.systemUTC());
            List<String> added = radio.topUp();
            assertThat(added).hasSize(5);
            List<Map<String, String>> queue = client.queue();
            assertThat(queue).hasSize(6);
            assertThat(queue.get(0).get("file")).isEqualTo(seed);
            List<String> files = queue.stream().map(s -> s.get("file")).toList();
            assertThat(files.subList(1, 6)).doesNotContain(seed).doesNotHaveDuplicates()
                    .allSatisfy(f -> assertThat(paths).contains(f.substring("music/".length())));
            assertNoArtistTwiceInARow(queue);
            assertThat(radio.topUp()).as("the queue is full").isEmpty();

            // the listener skips two tracks: the radio tops up to five after the current one again, by itself
            client.command("next");
            client.command("next");
            Thread loop = new Thread(() -> {
                try {
                    radio.run();
                } catch (IOException closed) {
                    // the test closed the connection: the radio stops
                }
            });
            loop.setDaemon(true);
            loop.start();
            long deadline = System.currentTimeMillis() + 30_000;
            try (MpdClient watcher = MpdClient.connect("127.0.0.1", port, 10_000)) {
                while (watcher.queue().size() < 8 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                List<Map<String, String>> after = watcher.queue();
                assertThat(after).hasSize(8);
                assertThat(after.stream().map(s -> s.get("file")).toList()).doesNotHaveDuplicates();
                assertNoArtistTwiceInARow(after);
                assertThat(Integer.parseInt(watcher.status().get("song"))).isEqualTo(2);
            }
        }
    }

    /**
     * The memory counts from the last time a track was queued or playing: a track that has stayed in the queue
     * for longer than the memory is still not queued a second time.
     */
    @Test
    void aTrackLongInTheQueueIsNotQueuedAgain() throws Exception {
        Setup setup = setUp();
        Instant[] now = {Instant.parse("2026-01-01T20:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        try (MpdClient client = MpdClient.connect("127.0.0.1", setup.port(), 10_000);
             Neighbours neighbours = Neighbours.open(new CurrentView(setup.output()), false)) {
            client.add("music/" + setup.paths().get(0));
            client.command("play", "0");
            Radio radio = new Radio(client, () -> neighbours, new Radio.Settings(5, 3, Duration.ofMinutes(1), 0), null, clock);
            assertThat(radio.topUp()).hasSize(5);
            // a long listen: the first tracks have been in the queue for ten memories when the listener skips on
            now[0] = now[0].plus(Duration.ofMinutes(10));
            for (int i = 0; i < 3; i++) {
                client.command("next");
            }
            assertThat(radio.topUp()).hasSize(3);
            List<String> files = client.queue().stream().map(q -> q.get("file")).toList();
            assertThat(files).hasSize(9).doesNotHaveDuplicates();
        }
    }

    private static void assertNoArtistTwiceInARow(List<Map<String, String>> queue) {
        List<String> artists = new ArrayList<>();
        queue.forEach(s -> artists.add(s.get("Artist")));
        assertThat(artists).doesNotContainNull();
        for (int i = 1; i < artists.size(); i++) {
            assertThat(artists.get(i)).as("track %d's artist", i).isNotEqualTo(artists.get(i - 1));
        }
    }

    /** Starts Debian's mpd on a free loopback port over {@code dir}, with a null output; returns the port. */
    private int startMpd(Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mpd.conf");
        Files.writeString(conf, String.join("\n",
                "music_directory \"" + dir + "\"",
                "db_file \"" + dir.resolve("mpd.db") + "\"",
                "pid_file \"" + dir.resolve("mpd.pid") + "\"",
                "bind_to_address \"127.0.0.1\"",
                "port \"" + port + "\"",
                "auto_update \"no\"",
                "zeroconf_enabled \"no\"",
                "audio_output {", "  type \"null\"", "  name \"null\"", "}", ""));
        mpd = new ProcessBuilder(MPD, "--no-daemon", "--stderr", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mpd.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return port;
            } catch (IOException notYet) {
                assertThat(mpd.isAlive()).as("mpd running (see %s)", dir.resolve("mpd.log")).isTrue();
                Thread.sleep(100);
            }
        }
        throw new AssertionError("mpd did not listen on port " + port);
    }
}
