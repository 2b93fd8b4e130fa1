package org.trackflow.pipeline.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Request bodies: one JSON object, or a 400 that says what is wrong with it (without echoing it back). */
final class Bodies {
    private Bodies() {}

    static JsonNode object(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            throw ApiError.badRequest("a JSON object is required as the request body");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw ApiError.badRequest(at == null ? "malformed JSON" : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
        if (root == null || !root.isObject()) {
            throw ApiError.badRequest("the request body must be a JSON object");
        }
        return root;
    }
}
