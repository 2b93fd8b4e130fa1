package org.trackflow.pipeline.radio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of MPD's text protocol (https://mpd.readthedocs.io/en/latest/protocol.html), the few commands
 * the radio needs: a command is a line of arguments (each quoted, {@code \} and {@code "} escaped), its
 * answer {@code key: value} lines ending with {@code OK}, or one {@code ACK [error@line] {command} message}
 * line. {@link #idle} waits for the player or the queue to change.
 */
public final class MpdClient implements AutoCloseable {
    /** An ACK: MPD refused a command. */
    public static final class MpdException extends IOException {
        public MpdException(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final BufferedReader in;
    private final Writer out;
    private final String version;

    private MpdClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        String greeting = in.readLine();
        if (greeting == null || !greeting.startsWith("OK MPD ")) {
            socket.close();
            throw new IOException("not an MPD server (it said: " + greeting + ")");
        }
        this.version = greeting.substring(7);
    }

    /** Connects to MPD at {@code host:port}; {@code timeoutMillis} bounds the connection and every answer. */
    public static MpdClient connect(String host, int port, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), timeoutMillis);
        s.setSoTimeout(timeoutMillis);
        return new MpdClient(s);
    }

    public String version() {
        return version;
    }

    /** Runs one command; its answer as key-value pairs in order (a key may repeat: one entry per pair). */
    public synchronized List<String[]> command(String name, String... args) throws IOException {
        StringBuilder line = new StringBuilder(name);
        for (String a : args) {
            line.append(' ').append(quote(a));
        }
        out.write(line.append('\n').toString());
        out.flush();
        return answer();
    }

    private List<String[]> answer() throws IOException {
        List<String[]> pairs = new ArrayList<>();
        while (true) {
            String l = in.readLine();
            if (l == null) {
                throw new IOException("MPD closed the connection");
            }
            if (l.equals("OK")) {
                return pairs;
            }
            if (l.startsWith("ACK ")) {
                throw new MpdException(l.substring(4));
            }
            int colon = l.indexOf(": ");
            if (colon > 0) {
                pairs.add(new String[] {l.substring(0, colon), l.substring(colon + 2)});
            }
        }
    }

    /** MPD's quoting of one argument. */
    static String quote(String arg) {
        return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The player's status: state, song (position of the current track), playlistlength, updating_db ... */
    public Map<String, String> status() throws IOException {
        return first(command("status"));
    }

    /** The queue, in order: each track's {@code file} (its URI) and tags. */
    public List<Map<String, String>> queue() throws IOException {
        List<Map<String, String>> songs = new ArrayList<>();
        Map<String, String> song = null;
        for (String[] kv : command("playlistinfo")) {
            if (kv[0].equals("file")) {
                song = new LinkedHashMap<>();
                songs.add(song);
            }
            if (song != null) {
                song.putIfAbsent(kv[0], kv[1]);
            }
        }
        return songs;
    }

    /** Appends a track (its URI) to the queue. */
    public void add(String uri) throws IOException {
        command("add", uri);
    }

    /**
     * Waits until the player or the queue changes, or {@code waitMillis} passes (then leaves idle with
     * {@code noidle}); returns the subsystems that changed (none when the wait ran out).
     */
    public synchronized List<String> idle(int waitMillis, String... subsystems) throws IOException {
        int before = socket.getSoTimeout();
        StringBuilder line = new StringBuilder("idle");
        for (String s : subsystems) {
            line.append(' ').append(s);
        }
        out.write(line.append('\n').toString());
        out.flush();
        List<String[]> pairs;
        socket.setSoTimeout(waitMillis);
        try {
            pairs = answer();
        } catch (SocketTimeoutException quiet) {
            socket.setSoTimeout(before);
            out.write("noidle\n");
            out.flush();
            pairs = answer();
        } finally {
            socket.setSoTimeout(before);
        }
        return pairs.stream().filter(kv -> kv[0].equals("changed")).map(kv -> kv[1]).toList();
    }

    private static Map<String, String> first(List<String[]> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] kv : pairs) {
            m.putIfAbsent(kv[0], kv[1]);
        }
        return m;
    }

    @Override
    public void close() throws IOException {
        try {
            out.write("close\n");
            out.flush();
        } catch (IOException ignored) {
            // closing anyway
        }
        socket.close();
    }
}
