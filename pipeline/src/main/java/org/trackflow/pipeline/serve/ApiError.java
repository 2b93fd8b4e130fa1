package org.trackflow.pipeline.serve;

/** A request the server refuses, with its status and one line saying why (sent as {@code {"error": "..."}}). */
final class ApiError extends RuntimeException {
    final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }
}
