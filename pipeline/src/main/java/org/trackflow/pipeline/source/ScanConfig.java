package org.trackflow.pipeline.source;

import java.io.Serializable;
import java.time.Duration;
import org.trackflow.pipeline.playlists.PlaylistBuilder;
import org.trackflow.pipeline.state.ChangeDetector;

/**
 * What the library scan compares and how often: {@code watch} rescans every {@code interval}, and then
 * also rebuilds the playlists with {@code playlists} whenever the current view moved on.
 */
public record ScanConfig(String library, String out, boolean watch, Duration interval,
                         ChangeDetector.Options options, PlaylistBuilder.Options playlists) implements Serializable {}
