package org.trackflow.pipeline.cli;

/** A mistake the user can fix (a bad option, a missing folder, a busy output): one line, exit code 2. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
