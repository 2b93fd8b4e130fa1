package org.trackflow.pipeline.catalog;

/** An audio file as a walk of the library saw it (file system metadata only). */
public record LibraryFile(String absolutePath, String relativePath, long sizeBytes, long mtimeMs) {}
