package dev.festival.realtime;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.RestAssured;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.json.JSONObject;

/** The official Java Socket.IO client (io.socket:socket.io-client 2.x) against the test server. */
public final class SocketClients {
    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .readTimeout(1, TimeUnit.MINUTES).build();
    public static final String[] POLLING_THEN_WEBSOCKET = {"polling", "websocket"};
    public static final String[] WEBSOCKET_ONLY = {"websocket"};

    private SocketClients() {
    }

    public static URI base(int port) {
        return URI.create("http://localhost:" + port);
    }

    /** A socket (not yet connected) authenticating with auth.token when the token is not null. */
    public static Socket socket(int port, String namespace, String token, String[] transports,
                                Map<String, List<String>> headers) {
        IO.Options options = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(transports)
                .setAuth(token == null ? Map.of() : Map.of("token", token))
                .setExtraHeaders(headers == null ? Map.of() : headers)
                .build();
        options.callFactory = HTTP;
        options.webSocketFactory = HTTP;
        return IO.socket(URI.create(base(port) + namespace), options);
    }

    public static Socket socket(String namespace, String token, String[] transports) {
        return socket(RestAssured.port, namespace, token, transports, null);
    }

    /** Connects and waits for the namespace CONNECT; records every event from the start. */
    public static Client connect(int port, String namespace, String token, String[] transports) {
        Client client = new Client(socket(port, namespace, token, transports, null));
        client.open();
        return client;
    }

    public static Client connect(String namespace, String token, String[] transports) {
        return connect(RestAssured.port, namespace, token, transports);
    }

    public static Client connect(String namespace, String token) {
        return connect(namespace, token, WEBSOCKET_ONLY);
    }

    /** A client recording the events it receives, in order, per name. */
    public static final class Client implements AutoCloseable {
        public final Socket socket;
        private final Map<String, BlockingQueue<Object>> inbox = new ConcurrentHashMap<>();
        private final CompletableFuture<Object> connected = new CompletableFuture<>();

        public Client(Socket socket) {
            this.socket = socket;
            socket.onAnyIncoming(args -> queue((String) args[0]).add(args.length > 1 && args[1] != null ? args[1] : JSONObject.NULL));
            socket.on(Socket.EVENT_CONNECT, args -> connected.complete(Boolean.TRUE));
            socket.on(Socket.EVENT_CONNECT_ERROR, args -> {
                queue(Socket.EVENT_CONNECT_ERROR).add(args.length > 0 && args[0] != null ? args[0] : JSONObject.NULL);
                connected.complete(args.length > 0 ? args[0] : null);
            });
            socket.on(Socket.EVENT_DISCONNECT, args -> queue(Socket.EVENT_DISCONNECT).add(args.length > 0 ? String.valueOf(args[0]) : ""));
        }

        void open() {
            socket.connect();
            Object outcome = await(connected, "connect");
            if (outcome != Boolean.TRUE) {
                socket.close();
                fail("connect_error instead of connect: " + outcome);
            }
        }

        /** Opens and expects connect_error; answers its payload. */
        public JSONObject expectConnectError() {
            socket.connect();
            Object outcome = await(connected, "connect_error");
            socket.close();
            if (outcome instanceof JSONObject json) {
                return json;
            }
            return fail("expected connect_error with a JSON payload, got " + outcome);
        }

        private BlockingQueue<Object> queue(String event) {
            return inbox.computeIfAbsent(event, k -> new LinkedBlockingQueue<>());
        }

        /** The next payload of this event within the timeout, else the test fails. */
        public JSONObject next(String event, Duration timeout) {
            try {
                Object value = queue(event).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (value == null) {
                    return fail("no '" + event + "' within " + timeout + "; received " + inbox.keySet());
                }
                return value instanceof JSONObject json ? json : wrap(value);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public JSONObject next(String event) {
            return next(event, Duration.ofSeconds(5));
        }

        /** Fails when the event arrives within the delay. */
        public void expectNone(String event, Duration within) {
            try {
                Object value = queue(event).poll(within.toMillis(), TimeUnit.MILLISECONDS);
                assertNull(value, "unexpected '" + event + "': " + value);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Emits with an acknowledgement and answers the acknowledgement's first argument. */
        public JSONObject request(String event, Object payload) {
            CompletableFuture<Object> answer = new CompletableFuture<>();
            Ack ack = args -> answer.complete(args.length > 0 ? args[0] : null);
            if (payload == null) {
                socket.emit(event, new Object[0], ack);
            } else {
                socket.emit(event, new Object[]{payload}, ack);
            }
            Object value = await(answer, "ack of " + event);
            assertTrue(value instanceof JSONObject, "ack of " + event + " is an object: " + value);
            return (JSONObject) value;
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    static Object await(CompletableFuture<Object> future, String what) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return fail("no " + what + " within 10 s: " + e);
        }
    }

    private static JSONObject wrap(Object value) {
        try {
            return new JSONObject().put("value", value);
        } catch (org.json.JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON object of string values: json("festivalId", id, "zoneId", zone). */
    /** The server-side Engine.IO session of a Java client (its engine id, read from the client by reflection). */
    public static dev.festival.realtime.engineio.EngineSession sessionOf(
            dev.festival.realtime.engineio.EngineServer engine, Client client) throws Exception {
        java.lang.reflect.Field field = io.socket.client.Manager.class.getDeclaredField("engine");
        field.setAccessible(true);
        String id = ((io.socket.engineio.client.Socket) field.get(client.socket.io())).id();
        return engine.sessions().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    public static JSONObject json(Object... keyValues) {
        try {
            JSONObject json = new JSONObject();
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                json.put((String) keyValues[i], keyValues[i + 1] == null ? JSONObject.NULL : keyValues[i + 1].toString());
            }
            return json;
        } catch (org.json.JSONException e) {
            throw new IllegalStateException(e);
        }
    }
}
