package org.trackflow.pipeline.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trackflow.pipeline.catalog.Output;

/**
 * {@code trackflow serve}: the API ({@link Api}) and the page at {@code /} over an output folder, on Javalin
 * (Jetty 12). Binds to loopback unless told otherwise, and then only with a token, which every request must
 * carry ({@code Authorization: Bearer TOKEN}, or {@code ?token=TOKEN} for a browser's first visit). Every
 * refusal, Jetty's own (a malformed URI, a header too large) included, is a 4xx with one line of JSON,
 * {@code {"error": "..."}}; an unexpected failure is a 500 saying only that, its stack trace in the log.
 * Nothing is written but playlists saved into {@code playlists/saved}.
 */
public final class TrackflowServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrackflowServer.class);
    static final String COOKIE = "trackflow-token";
    private static final java.util.regex.Pattern LOOPBACK_V4 = java.util.regex.Pattern.compile("127(\\.\\d{1,3}){3}");
    /** Bytes of a request body (a bliss mix request with a long queue fits many times over). */
    static final long MAX_BODY = 256 * 1024;
    private static final java.util.regex.Pattern MALFORMED_ESCAPE = java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})");

    /** What the server is started with. */
    public record Settings(String host, int port, String token, Path library, boolean keepDuplicates, long reloadMillis) {
        public Settings {
            if (token != null && token.isBlank()) {
                token = null;
            }
        }
    }

    private final Snapshots snapshots;
    private final Javalin app;

    private TrackflowServer(Snapshots snapshots, Javalin app) {
        this.snapshots = snapshots;
        this.app = app;
    }

    /**
     * Starts serving {@code output}: loads its library (if a scan has finished), then answers at once; a
     * library that appears or changes later is picked up. Refuses a non-loopback address without a token.
     */
    public static TrackflowServer start(Output output, Settings s) throws IOException {
        boolean loopback = InetAddress.getByName(s.host()).isLoopbackAddress();
        if (s.token() == null && !loopback) {
            throw new IllegalArgumentException("binding to " + s.host() + " needs a token (--token or --token-file): "
                    + "anyone who can reach the port could query the library");
        }
        Snapshots snapshots = new Snapshots(output, s.library(), s.keepDuplicates(), s.reloadMillis());
        try {
            snapshots.reload();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Library not loaded yet ({}); the server retries every {} ms", e.toString(), s.reloadMillis());
        }
        ObjectMapper json = JsonMapper.builder().build();
        Api api = new Api(snapshots, json);
        byte[] token = s.token() == null ? null : s.token().getBytes(StandardCharsets.UTF_8);
        Javalin app = Javalin.create(config -> {
            config.jetty.host = s.host();
            config.jetty.port = s.port();
            config.http.maxRequestSize = MAX_BODY;
            config.jsonMapper(new JavalinJackson(json, false));
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(f -> {
                f.hostedPath = "/";
                f.directory = "/org/trackflow/pipeline/serve/web";
                f.location = Location.CLASSPATH;
            });
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrors()));
            config.routes.before(ctx -> {
                if (loopback && !localHost(ctx.host())) {
                    // a page elsewhere whose name was rebound to 127.0.0.1 must not read the library
                    throw new ApiError(403, "this server answers requests for localhost only");
                }
                if (token != null && !authorised(ctx, token)) {
                    throw new ApiError(401, "a token is required: send 'Authorization: Bearer TOKEN'");
                }
                if (ctx.method() == io.javalin.http.HandlerType.POST && !String.valueOf(ctx.contentType()).startsWith("application/json")) {
                    // a cross-site form cannot send JSON without the browser asking first
                    throw new ApiError(415, "send the request body as application/json");
                }
                String query = ctx.queryString();
                if (query != null && MALFORMED_ESCAPE.matcher(query).find()) {
                    // Jetty drops a parameter it cannot decode: better a clear refusal than an answer to another question
                    throw ApiError.badRequest("malformed percent-encoding in the query string");
                }
            });
            api.register(config.routes);
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error (details in the server's log)");
            });
            config.routes.error(404, ctx -> {
                if (!ctx.result().isEmpty() && ctx.res().getContentType() != null && ctx.res().getContentType().startsWith("application/json")) {
                    return; // an API answer's own 404
                }
                error(ctx, 404, "no such endpoint: " + ctx.method() + " " + Params.clip(ctx.path()));
            });
            config.routes.error(405, ctx -> error(ctx, 405, "method not allowed: " + ctx.method() + " " + Params.clip(ctx.path())));
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            snapshots.close(); // the port is taken, say: the loaded library must not stay open behind the error
            throw e;
        }
        LOG.info("trackflow serve on http://{}:{}/ ({})", s.host(), app.port(), output.root());
        return new TrackflowServer(snapshots, app);
    }

    /**
     * The token from the {@code Authorization} header, the {@code token} query parameter (a browser's first visit:
     * answered with an HttpOnly, same-site cookie, so that the page's script, style and API calls carry it), or
     * that cookie.
     */
    private static boolean authorised(Context ctx, byte[] token) {
        String header = ctx.header("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            return same(header.substring(7).strip(), token);
        }
        String query = ctx.queryParam("token");
        if (query != null && same(query, token)) {
            ctx.header("Set-Cookie", COOKIE + "=" + query + "; Path=/; HttpOnly; SameSite=Strict");
            return true;
        }
        String cookie = ctx.cookie(COOKIE);
        return cookie != null && same(cookie, token);
    }

    private static boolean same(String given, byte[] token) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token);
    }

    /** Whether a request's Host names this machine (a loopback server answers only those). */
    static boolean localHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(1, Math.max(1, host.indexOf(']'))) : host.replaceFirst(":\\d+$", "");
        // an address in 127/8 as digits only: a name that merely starts with "127." may be anybody's
        return name.equalsIgnoreCase("localhost") || name.equals("::1") || LOOPBACK_V4.matcher(name).matches();
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json").result(line(message));
    }

    /** {@code {"error": "..."}} on one line. */
    static String line(String message) {
        String m = message == null ? "error" : message.replaceAll("\\p{Cntrl}", " ");
        StringBuilder s = new StringBuilder("{\"error\":\"");
        for (char c : m.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    // control characters are spaces already; these two end a line in JavaScript
                    if (c == 0x2028 || c == 0x2029) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append("\"}\n").toString();
    }

    /** Jetty's refusals before a request reaches Javalin (a bad URI, an oversized header), as one line of JSON. */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Object message = request.getAttribute(ERROR_MESSAGE);
            String text = message != null ? message.toString() : "request refused (HTTP " + response.getStatus() + ")";
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(line(text).getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    /** The port it listens on (the one asked, or the one found when 0 was). */
    public int port() {
        return app.port();
    }

    /** Loads a new library now if the output has one (tests; the server also looks by itself). */
    public boolean reload() throws IOException {
        return snapshots.reload();
    }

    /** How many times a library was put in place. */
    public long swaps() {
        return snapshots.swaps();
    }

    @Override
    public void close() {
        app.stop();
        snapshots.close();
    }
}
