package org.trackflow.pipeline.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trackflow.pipeline.serve.Http.q;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.JobRunner;
import org.trackflow.pipeline.TestLibraries;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.testkit.TrackSynth;

/**
 * A scan commits while the server answers a steady load: the job analyses new files, its after-scan stage
 * folds them in and rebuilds the playlists, the server puts the new library in place; not one request fails
 * or sees half of it, and the new tracks can be found and mixed afterwards.
 */
class ServeSwapTest {
    @TempDir
    Path tmp;

    @Test
    void aScanThatCommitsUnderLoadFailsNoRequest() throws Exception {
        AnalysedLibrary lib = AnalysedLibrary.analyse(tmp);
        try (TrackflowServer server = TrackflowServer.start(lib.output(), new TrackflowServer.Settings("127.0.0.1", 0, null, null, false, 200))) {
            Http http = new Http(server.port());
            long firstScan = http.get("/api/status").json().get("scan").asLong();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                String seed = lib.paths.get(c * 3);
                Thread t = new Thread(() -> {
                    Http own = new Http(server.port());
                    int i = 0;
                    while (running.get()) {
                        try {
                            Http.Answer a = (i++ % 2 == 0) ? own.get("/api/similar?n=5&seed=" + q(seed)) : own.get("/api/tracks?q=song");
                            if (a.status() != 200) {
                                failures.add(a.status() + " " + a.body());
                            }
                            answered.incrementAndGet();
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            // four new tracks of a new artist, analysed by a rescan while the load goes on
            for (int i = 0; i < 4; i++) {
                TestLibraries.write(lib.library, String.format("Artist Z/New/%02d Newcomer %d.flac", i + 1, i),
                        new TrackSynth.Spec(120 + 3 * i, i, i % 2 == 0, 0.7, 0.6, 0.0, 0.5, 9, 9000 + i), AudioEncoder.Format.FLAC,
                        Map.of("title", "Newcomer " + i, "artist", "Artist Z", "album", "New"));
            }
            JobRunner.run(lib.library, lib.out, 2, 30);
            long deadline = System.currentTimeMillis() + 60_000;
            while (http.get("/api/status").json().get("scan").asLong() == firstScan && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            int before = answered.get();
            Thread.sleep(1000);
            running.set(false);
            for (Thread t : clients) {
                t.join();
            }
            assertThat(failures).isEmpty();
            assertThat(answered.get()).as("requests answered").isGreaterThan(before).isGreaterThan(50);
            assertThat(http.get("/api/status").json().get("scan").asLong()).isGreaterThan(firstScan);
            assertThat(server.swaps()).isEqualTo(2);
            var found = http.get("/api/tracks?q=newcomer").json();
            assertThat(found.get("total").asInt()).isEqualTo(4);
            String newcomer = found.get("tracks").get(0).get("path").asText();
            assertThat(http.get("/api/similar?n=3&seed=" + q(newcomer)).status()).isEqualTo(200);
        }
    }
}
