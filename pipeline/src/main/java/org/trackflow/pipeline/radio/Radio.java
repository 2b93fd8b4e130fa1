package org.trackflow.pipeline.radio;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trackflow.pipeline.neighbours.Mixer;
import org.trackflow.pipeline.neighbours.Neighbours;
import org.trackflow.schemas.TrackRecord;

/**
 * Keeps an MPD queue going, as blissify does: whenever fewer than {@code ahead} tracks are queued after the
 * current one, appends the best continuation of the end of the queue ({@link Mixer}: the last {@code seeds}
 * tracks as seeds, nothing queued or played within {@code memory}, no artist twice within {@code artistGap}).
 * MPD names a track by its URI under its music directory; {@link UriMapping} turns that into the library's
 * path and back (found from the first track it sees unless given).
 */
public final class Radio {
    private static final Logger LOG = LoggerFactory.getLogger(Radio.class);

    /** How the radio fills the queue. */
    public record Settings(int ahead, int seeds, Duration memory, int artistGap) {}

    /** The library to pick from: the current one whenever asked (a new scan is picked up between top-ups). */
    public interface Source {
        Neighbours neighbours() throws IOException;
    }

    private final MpdClient mpd;
    private final Source source;
    private final Settings settings;
    private final Clock clock;
    private UriMapping mapping;
    /**
     * Tracks seen playing or queued, each with the last time it was (latest last, so the oldest expire first):
     * nothing of the last {@code memory} comes again, and a track still in the queue is always of it.
     */
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    public Radio(MpdClient mpd, Source source, Settings settings, UriMapping mapping, Clock clock) {
        this.mpd = mpd;
        this.source = source;
        this.settings = settings;
        this.mapping = mapping;
        this.clock = clock;
    }

    /** Tops the queue up once if it runs short; returns the URIs added. */
    public List<String> topUp() throws IOException {
        Map<String, String> status = mpd.status();
        List<Map<String, String>> queue = mpd.queue();
        Instant now = clock.instant();
        for (Map<String, String> song : queue) {
            remember(song.get("file"), now);
        }
        Iterator<Instant> oldest = seen.values().iterator();
        while (oldest.hasNext() && oldest.next().isBefore(now.minus(settings.memory()))) {
            oldest.remove();
        }
        if (queue.isEmpty()) {
            return List.of(); // nothing to continue from: the radio starts from what the listener queues
        }
        int current = status.containsKey("song") ? Integer.parseInt(status.get("song")) : queue.size() - 1;
        int after = queue.size() - 1 - current;
        if (after >= settings.ahead()) {
            return List.of();
        }
        Neighbours neighbours = source.neighbours();
        if (mapping == null) {
            mapping = UriMapping.detect(neighbours, queue.stream().map(s -> s.get("file")).toList());
            if (mapping == null) {
                LOG.warn("No track of MPD's queue is in trackflow's library (give --mpd-prefix): nothing added");
                return List.of();
            }
            LOG.info("MPD's URIs map to the library as {}", mapping);
        }
        List<TrackRecord> tail = new ArrayList<>();
        for (Map<String, String> song : queue) {
            TrackRecord t = mapping.track(neighbours, song.get("file"));
            if (t != null) {
                tail.add(t);
            }
        }
        if (tail.isEmpty()) {
            return List.of();
        }
        // the last distinct tracks of the queue (a track queued twice seeds once), in queue order
        LinkedHashMap<String, TrackRecord> distinct = new LinkedHashMap<>();
        for (int i = tail.size() - 1; i >= 0 && distinct.size() < settings.seeds(); i--) {
            distinct.putIfAbsent(tail.get(i).getTrackId(), tail.get(i));
        }
        List<TrackRecord> seeds = new ArrayList<>(distinct.values());
        java.util.Collections.reverse(seeds);
        Set<String> exclude = new HashSet<>();
        for (String uri : seen.keySet()) {
            TrackRecord t = mapping.track(neighbours, uri);
            if (t != null) {
                exclude.add(t.getTrackId());
            }
        }
        UriMapping held = mapping;
        List<Mixer.Item> next = Mixer.mix(neighbours, new Mixer.Request(seeds, settings.ahead() - after, t -> held.uri(t) != null, exclude,
                tail, settings.artistGap(), 0, false));
        List<String> added = new ArrayList<>();
        for (Mixer.Item item : next) {
            String uri = mapping.uri(item.track());
            try {
                mpd.add(uri);
            } catch (MpdClient.MpdException refused) {
                // not in MPD's database yet (its update has not run): remembered, so it is not offered again soon
                LOG.info("MPD refused {}: {}", uri, refused.getMessage());
                remember(uri, now);
                continue;
            }
            remember(uri, now);
            added.add(uri);
        }
        LOG.info("Queued {} after {}", added, seeds.get(seeds.size() - 1).getPath());
        return added;
    }

    private void remember(String uri, Instant at) {
        if (uri != null) {
            seen.remove(uri); // put again, so that it moves to the end: latest last
            seen.put(uri, at);
        }
    }

    /** Tops up whenever the player or the queue changes, until the thread is interrupted. */
    public void run() throws IOException {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                topUp();
            } catch (MpdClient.MpdException refused) {
                LOG.warn("MPD refused a command ({}); trying again at the next change", refused.getMessage());
            }
            mpd.idle(10_000, "player", "playlist");
        }
    }
}
