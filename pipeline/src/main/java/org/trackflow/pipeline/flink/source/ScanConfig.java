package org.trackflow.pipeline.flink.source;

import java.io.Serializable;
import java.time.Duration;
import org.trackflow.pipeline.catalog.ChangeDetector;
import org.trackflow.pipeline.stage.AfterScan;

/**
 * What the library scan compares and how often: {@code watch} rescans every {@code interval}. A once scan ends
 * when its rows are committed and the after-scan stage made with {@code afterScan} is current.
 */
public record ScanConfig(String library, String out, boolean watch, Duration interval,
                         ChangeDetector.Options options, AfterScan.Settings afterScan) implements Serializable {}
