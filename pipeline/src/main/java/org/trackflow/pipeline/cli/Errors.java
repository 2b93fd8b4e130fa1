package org.trackflow.pipeline.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * How the command line reports what went wrong: a user error or a bad option is one line saying what and
 * what to do, exit code 2; anything else is one line too, exit code 1, with the stack trace in the log
 * file only. No exception reaches the console.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final int USER = 2;
    static final int FAILED = 1;
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private final CommandLine root;

    private Errors(CommandLine root) {
        this.root = root;
    }

    static CommandLine install(CommandLine cli) {
        Errors e = new Errors(cli);
        return cli.setExecutionExceptionHandler(e).setParameterExceptionHandler(e);
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        // The command line the user ran: a subcommand's own CommandLine may hold another writer.
        PrintWriter err = root.getErr();
        Throwable user = cause(ex, UserError.class);
        if (user != null) {
            err.println("trackflow: " + user.getMessage());
            return USER;
        }
        if (ex instanceof CommandLine.ParameterException p) {
            return handleParseException(p, new String[0]);
        }
        LOG.error("trackflow failed", ex);
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        err.println("trackflow: failed: " + (root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName())
                + " (details in the log file)");
        return FAILED;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        err.println("trackflow: " + ex.getMessage());
        err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
        return USER;
    }

    private static Throwable cause(Throwable t, Class<?> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }
}
