package org.trackflow.pipeline.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.neighbours.Neighbours;
import org.trackflow.pipeline.radio.MpdClient;
import org.trackflow.pipeline.radio.Radio;
import org.trackflow.pipeline.radio.UriMapping;
import org.trackflow.pipeline.stage.AfterScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code trackflow radio --mpd HOST:PORT}: keeps an MPD queue going with what sounds like its end. */
@Command(name = "radio", mixinStandardHelpOptions = true,
        description = "Keep an MPD queue going: whenever few tracks are queued after the current one, add the best continuation.")
final class RadioCommand implements Callable<Integer> {
    @ParentCommand
    TrackflowJob parent;

    @Option(names = "--mpd", paramLabel = "HOST:PORT", description = "The MPD server (default: ${DEFAULT-VALUE}).",
            defaultValue = "127.0.0.1:6600")
    String mpd;

    @Option(names = "--ahead", paramLabel = "N", description = "Tracks to keep queued after the current one (default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    int ahead;

    @Option(names = "--seeds", paramLabel = "N", description = "The last N tracks of the queue seed each continuation (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int seeds;

    @Option(names = "--memory", paramLabel = "DURATION", description = "Nothing queued or played within this comes again (default: ${DEFAULT-VALUE}).",
            defaultValue = "1h")
    String memory;

    @Option(names = "--artist-gap", paramLabel = "N", description = "No artist again within N tracks (default: ${DEFAULT-VALUE}: never twice in a row).",
            defaultValue = "1")
    int artistGap;

    @Option(names = "--mpd-prefix", paramLabel = "PATH",
            description = "Where the library root is inside MPD's music directory (\"\" when they are the same); found from the queue when not given.")
    String mpdPrefix;

    @Override
    public Integer call() throws Exception {
        if (ahead < 1 || ahead > 100 || seeds < 1 || seeds > 20 || artistGap < 0) {
            throw new UserError("--ahead must be 1 to 100, --seeds 1 to 20, --artist-gap 0 or more");
        }
        int colon = mpd.lastIndexOf(':');
        String host = colon < 0 ? mpd : mpd.substring(0, colon);
        int port;
        try {
            port = colon < 0 ? 6600 : Integer.parseInt(mpd.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UserError("--mpd must be HOST:PORT, not " + mpd);
        }
        Output output = LibraryQuery.view(parent).output();
        Radio.Settings settings = new Radio.Settings(ahead, seeds, TrackflowJob.duration("--memory", memory), artistGap);
        try (MpdClient client = connect(host, port); Latest latest = new Latest(output, parent.keepDuplicates)) {
            System.out.printf("trackflow radio: MPD %s at %s:%d, keeping %d tracks queued (Ctrl-C stops)%n", client.version(), host, port,
                    ahead);
            new Radio(client, latest, settings, mpdPrefix == null ? null : UriMapping.mpdHolds(mpdPrefix), Clock.systemUTC()).run();
        }
        return 0;
    }

    private static MpdClient connect(String host, int port) {
        try {
            return MpdClient.connect(host, port, 5000);
        } catch (IOException e) {
            throw new UserError("cannot reach MPD at " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /** The output's neighbours, opened again when a scan's after-scan stage has finished. */
    static final class Latest implements Radio.Source, AutoCloseable {
        private final Output output;
        private final boolean keepDuplicates;
        private String record;
        private Neighbours neighbours;

        Latest(Output output, boolean keepDuplicates) {
            this.output = output;
            this.keepDuplicates = keepDuplicates;
        }

        @Override
        public Neighbours neighbours() throws IOException {
            String now = AfterScan.recordText(output);
            boolean newStage = !Objects.equals(now, record);
            if (neighbours != null && newStage && !AfterScan.madeFrom(AfterScan.parse(now), new CurrentView(output).scanId())) {
                // a scan folded in, its stage (and index) still on the way: what there is stays, rather than every row at once
                return neighbours;
            }
            if (neighbours == null || newStage) {
                Neighbours next = Neighbours.open(new CurrentView(output), keepDuplicates);
                if (next == null) {
                    throw new UserError("no analysed track with features in " + OutputFolder.display(output.currentFolder()));
                }
                close();
                neighbours = next;
                record = now;
            }
            return neighbours;
        }

        @Override
        public void close() throws IOException {
            if (neighbours != null) {
                neighbours.close();
                neighbours = null;
            }
        }
    }
}
