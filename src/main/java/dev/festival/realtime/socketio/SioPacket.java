package dev.festival.realtime.socketio;

/**
 * A Socket.IO v5 packet: {@code <type>[/<namespace>,][<ack id>][<JSON>]}. Binary packets (types 5
 * and 6) are not supported: the platform's events are JSON only.
 */
public record SioPacket(int type, String namespace, long ackId, String data) {
    public static final int CONNECT = 0;
    public static final int DISCONNECT = 1;
    public static final int EVENT = 2;
    public static final int ACK = 3;
    public static final int CONNECT_ERROR = 4;
    public static final int BINARY_EVENT = 5;
    public static final int BINARY_ACK = 6;

    /** Null when the text is not a packet. */
    public static SioPacket parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        int type = text.charAt(0) - '0';
        if (type < CONNECT || type > BINARY_ACK) {
            return null;
        }
        int i = 1;
        int length = text.length();
        String namespace = "/";
        if (i < length && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? length : comma;
            namespace = text.substring(i, end);
            int query = namespace.indexOf('?');
            if (query >= 0) {
                namespace = namespace.substring(0, query);
            }
            i = comma < 0 ? length : comma + 1;
        }
        long ackId = -1;
        int digits = i;
        while (digits < length && digits - i < 18 && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits > i) {
            ackId = Long.parseLong(text.substring(i, digits));
            i = digits;
        }
        String data = i < length ? text.substring(i) : null;
        return new SioPacket(type, namespace, ackId, data);
    }

    /** Encodes a packet; {@code json} is already serialised JSON (or null). */
    public static String encode(int type, String namespace, long ackId, String json) {
        StringBuilder out = new StringBuilder(16 + namespace.length() + (json == null ? 0 : json.length()));
        out.append((char) ('0' + type));
        if (!"/".equals(namespace)) {
            out.append(namespace).append(',');
        }
        if (ackId >= 0) {
            out.append(ackId);
        }
        if (json != null) {
            out.append(json);
        }
        return out.toString();
    }

    /** An EVENT packet {@code ["event", payload]} with the payload already serialised. */
    public static String event(String namespace, String event, String payloadJson) {
        StringBuilder json = new StringBuilder(event.length() + 8 + payloadJson.length());
        json.append("[\"").append(event).append("\",").append(payloadJson).append(']');
        return encode(EVENT, namespace, -1, json.toString());
    }
}
