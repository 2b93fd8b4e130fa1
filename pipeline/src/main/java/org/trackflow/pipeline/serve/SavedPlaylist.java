package org.trackflow.pipeline.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A playlist to save from the page: {@code {"name": "...", "tracks": ["track id", ...]}}. The name becomes a
 * file name in playlists/saved, so it is checked here: 1 to 100 characters, no control characters, no path
 * separators, not starting with a dot (no hidden files, no "..").
 */
record SavedPlaylist(String name, List<String> tracks) {
    static final int MAX_TRACKS = 1000;

    static SavedPlaylist parse(ObjectMapper json, String body) {
        JsonNode root = Bodies.object(json, body);
        JsonNode name = root.get("name");
        if (name == null || !name.isTextual()) {
            throw ApiError.badRequest("name is required: the saved playlist's name, as text");
        }
        String n = name.asText().strip();
        if (n.isEmpty() || n.length() > 100) {
            throw ApiError.badRequest("name must have 1 to 100 characters");
        }
        if (n.startsWith(".") || n.contains("/") || n.contains("\\") || n.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badRequest("name must not start with a dot or hold a path separator or control character");
        }
        JsonNode tracks = root.get("tracks");
        if (tracks == null || !tracks.isArray() || tracks.isEmpty()) {
            throw ApiError.badRequest("tracks is required: a list of track ids");
        }
        if (tracks.size() > MAX_TRACKS) {
            throw ApiError.badRequest("at most " + MAX_TRACKS + " tracks in a saved playlist");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode t : tracks) {
            if (!t.isTextual()) {
                throw ApiError.badRequest("tracks must be track ids, as text");
            }
            ids.add(t.asText());
        }
        return new SavedPlaylist(n, ids);
    }
}
