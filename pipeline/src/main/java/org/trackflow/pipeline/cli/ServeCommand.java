package org.trackflow.pipeline.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.trackflow.pipeline.catalog.LibraryRoot;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.serve.TrackflowServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code trackflow serve}: instant mixes, song paths, playlists and the library's page over HTTP, from an
 * output folder, until stopped; a new scan's library is picked up as soon as its after-scan stage finishes.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve mixes, paths, playlists and a page to explore the library over HTTP (docs/api.md).")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    TrackflowJob parent;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 takes a free one).",
            defaultValue = "8090")
    int port;

    @Mixin
    ServeOptions listen;

    @Override
    public Integer call() throws Exception {
        Output output = LibraryQuery.view(parent).output();
        Path library = parent.libraryGiven() ? Path.of(parent.library).toAbsolutePath().normalize() : LibraryRoot.read(output);
        TrackflowServer server = ServeOptions.start(output, listen.settings(port, library, parent.keepDuplicates));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "trackflow-serve-stop"));
        System.out.printf("trackflow serve: http://%s:%d/ over %s (Ctrl-C stops)%n", hostForUrl(listen.bind), server.port(),
                OutputFolder.display(output.root()));
        stopped.await();
        return 0;
    }

    static String hostForUrl(String bind) {
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }
}
