package org.trackflow.pipeline.flink.source;

import org.apache.flink.api.connector.source.SourceEvent;

/** From the enumerator to a reader: scan {@code scanId}'s rows are all committed; announce it downstream. */
public record ScanCompleteEvent(long scanId) implements SourceEvent {}
