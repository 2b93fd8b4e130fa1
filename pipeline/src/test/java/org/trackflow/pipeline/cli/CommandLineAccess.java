package org.trackflow.pipeline.cli;

/** Runs trackflow's command line as a user would, for tests outside this package. */
public final class CommandLineAccess {
    private CommandLineAccess() {}

    /** The exit code of {@code trackflow ARGS}. */
    public static int run(String... args) {
        return TrackflowJob.commandLine().execute(args);
    }
}
