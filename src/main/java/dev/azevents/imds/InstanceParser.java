package dev.azevents.imds;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the body of {@code GET /metadata/instance} into {@link InstanceCompute}, or says why it
 * cannot. Only {@code compute.name} is required (non-empty): it is how Azure names this VM in an
 * event's {@code Resources}. The other kept fields are strings as IMDS sends every primitive;
 * when absent (older api-versions) they are {@code ""}, as IMDS itself writes values that do not
 * apply. Everything else ({@code network}, {@code storageProfile}, ...) is skipped unread.
 */
public final class InstanceParser {

    private InstanceParser() {
    }

    /** The compute part of {@code body} (fetched from {@code url}), or a {@code Malformed}. */
    public static ImdsResult<InstanceCompute> parse(String url, byte[] body) {
        try (JsonParser p = EventsParser.Json.FACTORY.createParser(body)) {
            EventsParser.requireStart(p, "the instance document");
            InstanceCompute compute = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("compute")) {
                    compute = readCompute(p, value);
                } else {
                    p.skipChildren();
                }
            }
            EventsParser.requireEnd(p);
            if (compute == null) {
                throw new EventsParser.Refusal("compute is missing");
            }
            return new ImdsResult.Ok<>(compute);
        } catch (EventsParser.Refusal | IOException e) {
            return new ImdsResult.Failed<>(new ImdsFailure.Malformed(url, EventsParser.problem(e),
                    EventsParser.excerpt(body, EventsParser.EXCERPT_CHARS)));
        }
    }

    private static InstanceCompute readCompute(JsonParser p, JsonToken value)
            throws IOException, EventsParser.Refusal {
        if (value != JsonToken.START_OBJECT) {
            throw new EventsParser.Refusal("compute must be an object, was "
                    + EventsParser.shown(p, value));
        }
        String name = "";
        String vmId = "";
        String location = "";
        String zone = "";
        String scaleSet = "";
        String resourceId = "";
        String computerName = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            String at = "compute." + field;
            switch (field) {
                case "name" -> name = text(p, v, at);
                case "vmId" -> vmId = text(p, v, at);
                case "location" -> location = text(p, v, at);
                case "zone" -> zone = text(p, v, at);
                case "vmScaleSetName" -> scaleSet = text(p, v, at);
                case "resourceId" -> resourceId = text(p, v, at);
                case "osProfile" -> computerName = readComputerName(p, v);
                default -> p.skipChildren();
            }
        }
        if (name.isEmpty()) {
            throw new EventsParser.Refusal("compute.name is missing or empty");
        }
        return new InstanceCompute(name, vmId, location, zone, scaleSet, resourceId, computerName);
    }

    private static String readComputerName(JsonParser p, JsonToken value)
            throws IOException, EventsParser.Refusal {
        if (value == JsonToken.VALUE_NULL) {
            return "";
        }
        if (value != JsonToken.START_OBJECT) {
            throw new EventsParser.Refusal("compute.osProfile must be an object, was "
                    + EventsParser.shown(p, value));
        }
        String computerName = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals("computerName")) {
                computerName = text(p, v, "compute.osProfile.computerName");
            } else {
                p.skipChildren();
            }
        }
        return computerName;
    }

    private static String text(JsonParser p, JsonToken value, String at)
            throws IOException, EventsParser.Refusal {
        return EventsParser.optionalString(p, value, at).orElse("");
    }
}
