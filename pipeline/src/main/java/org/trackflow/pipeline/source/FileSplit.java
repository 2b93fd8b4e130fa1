package org.trackflow.pipeline.source;

/** An audio file as a walk of the library saw it (file system metadata only). */
public record FileSplit(String absolutePath, String relativePath, long sizeBytes, long mtimeMs) {}
