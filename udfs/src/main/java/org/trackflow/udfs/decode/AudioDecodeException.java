package org.trackflow.udfs.decode;

import java.io.IOException;

/** A file that yields no audio at all: unreadable, not audio, no decodable stream, empty. */
public class AudioDecodeException extends IOException {
    public AudioDecodeException(String message) {
        super(message);
    }
}
