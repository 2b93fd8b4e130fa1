package org.trackflow.pipeline.flink.source;

import java.io.Serializable;
import java.time.Duration;
import org.trackflow.pipeline.catalog.ChangeDetector;

/** What the library scan compares and how often: {@code watch} rescans every {@code interval}. */
public record ScanConfig(String library, String out, boolean watch, Duration interval,
                         ChangeDetector.Options options) implements Serializable {}
