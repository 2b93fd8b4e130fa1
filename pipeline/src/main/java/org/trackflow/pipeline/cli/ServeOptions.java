package org.trackflow.pipeline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.serve.TrackflowServer;
import picocli.CommandLine.Option;

/** How {@code serve} (and {@code --mode watch --serve PORT}) listens: address, token. */
final class ServeOptions {
    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; any other needs --token or --token-file).",
            defaultValue = "127.0.0.1")
    String bind;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Token every request must carry (Authorization: Bearer TOKEN).")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Read the token from FILE (its first line).")
    Path tokenFile;

    /** The server's settings for {@code port}, checked. */
    TrackflowServer.Settings settings(int port, Path library, boolean keepDuplicates) {
        if (port < 0 || port > 65_535) {
            throw new UserError("port must be 0 to 65535, not " + port);
        }
        String t = token;
        if (tokenFile != null) {
            try {
                t = Files.readAllLines(tokenFile).stream().findFirst().orElse("").strip();
            } catch (IOException e) {
                throw new UserError("cannot read the token file " + tokenFile + ": " + e.getMessage());
            }
            if (t.isEmpty()) {
                throw new UserError("the token file " + tokenFile + " is empty");
            }
        }
        return new TrackflowServer.Settings(bind, port, t, library, keepDuplicates, 2000);
    }

    /** Starts the server on {@code output}, a refusal (a non-loopback address without a token, a busy port) as a user error. */
    static TrackflowServer start(Output output, TrackflowServer.Settings settings) throws IOException {
        try {
            return TrackflowServer.start(output, settings);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.net.BindException || e instanceof IllegalStateException) {
                throw new UserError("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage());
            }
            throw e;
        }
    }
}
