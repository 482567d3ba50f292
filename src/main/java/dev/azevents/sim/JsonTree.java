package dev.azevents.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a small JSON text (an admin request, a StartRequests body, an admin answer) into plain
 * values: {@code Map} (field order kept), {@code List}, {@code String}, {@code Long},
 * {@code Double}, {@code Boolean}, or {@link #NULL}. The simulator's own reader: the client's
 * parser is what the simulator tests, so it must not be used here.
 */
final class JsonTree {

    /** Stands for JSON {@code null}, since maps and lists here hold no Java nulls. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Deepest nesting accepted; the admin API's documents are two or three levels deep. */
    private static final int MAX_DEPTH = 32;

    private final JsonFactory factory;

    JsonTree(JsonFactory factory) {
        this.factory = factory;
    }

    /** The value of {@code text}, which must hold exactly one JSON value. */
    Parse<Object> read(String text) {
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return Parse.bad("empty body");
            }
            Object value = value(p, first, 0);
            if (p.nextToken() != null) {
                return Parse.bad("text after the JSON value at " + location(p));
            }
            return Parse.ok(value);
        } catch (JsonProcessingException e) {
            return Parse.bad("not JSON: " + e.getOriginalMessage() + " at " + location(e));
        } catch (IOException e) {
            return Parse.bad("unreadable: " + e.getMessage());
        } catch (TooDeep e) {
            return Parse.bad("nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private Object value(JsonParser p, JsonToken t, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new TooDeep();
        }
        return switch (t) {
            case START_OBJECT -> object(p, depth);
            case START_ARRAY -> array(p, depth);
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            case END_OBJECT, END_ARRAY, FIELD_NAME, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE ->
                    throw new JsonParseFailure(p, "unexpected " + t);
        };
    }

    private Map<String, Object> object(JsonParser p, int depth) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (m.containsKey(name)) {
                throw new JsonParseFailure(p, "duplicate field " + name);
            }
            m.put(name, value(p, p.nextToken(), depth + 1));
        }
        if (t != JsonToken.END_OBJECT) {
            throw new JsonParseFailure(p, "unterminated object");
        }
        return m;
    }

    private List<Object> array(JsonParser p, int depth) throws IOException {
        List<Object> l = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonParseFailure(p, "unterminated array");
            }
            l.add(value(p, t, depth + 1));
        }
        return l;
    }

    private static String location(JsonParser p) {
        var l = p.currentLocation();
        return "line " + l.getLineNr() + " column " + l.getColumnNr();
    }

    private static String location(JsonProcessingException e) {
        var l = e.getLocation();
        return l == null ? "unknown position" : "line " + l.getLineNr() + " column "
                + l.getColumnNr();
    }

    /** A structural problem found while walking tokens. */
    private static final class JsonParseFailure extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        JsonParseFailure(JsonParser p, String message) {
            super(message, p.currentLocation());
        }
    }

    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
