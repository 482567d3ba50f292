package dev.azevents.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An HTTP answer: a status and a JSON body, or no body at all ({@code null}), as IMDS answers a
 * StartRequests POST.
 */
record Reply(int status, String contentType, byte[] body) {

    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    Reply(int status, byte[] body) {
        this(status, JSON, body);
    }

    static Reply empty(int status) {
        return new Reply(status, JSON, null);
    }

    Reply withStatus(int s) {
        return new Reply(s, contentType, body);
    }

    void send(HttpExchange x) throws IOException {
        if (body == null) {
            x.sendResponseHeaders(status, -1);
            x.close();
            return;
        }
        x.getResponseHeaders().set("Content-Type", contentType);
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
