package dev.festival.tickets.signing;

import io.nayuki.qrcodegen.QrCode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * QR code images of ticket payloads as PNG, written by hand (1-bit grayscale: IHDR, one IDAT
 * compressed with {@link Deflater}, IEND) so that neither java.awt nor ImageIO is needed — both are
 * heavy and awkward in a native image. The QR matrix comes from Nayuki's qrcodegen (ECC M).
 * A ~195-character ticket payload gives a ~440 px image of ~1 KB in well under a millisecond, so
 * callers may use it inline.
 */
public final class QrImages {
    /** Pixels per QR module. */
    static final int SCALE = 8;
    /** Light modules around the symbol, as the QR specification requires. */
    static final int QUIET_ZONE = 4;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private QrImages() {
    }

    /** The PNG bytes of a QR code encoding {@code text}. */
    public static byte[] png(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int modules = qr.size + 2 * QUIET_ZONE;
        int side = modules * SCALE;
        int rowBytes = (side + 7) / 8;
        byte[] raw = new byte[(rowBytes + 1) * side];
        for (int y = 0; y < side; y++) {
            int rowStart = y * (rowBytes + 1);
            raw[rowStart] = 0; // filter type None
            int my = y / SCALE - QUIET_ZONE;
            for (int x = 0; x < side; x++) {
                int mx = x / SCALE - QUIET_ZONE;
                // 1-bit grayscale: bit 1 = white, 0 = black; getModule is false outside the symbol
                if (!qr.getModule(mx, my)) {
                    raw[rowStart + 1 + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        out.writeBytes(SIGNATURE);
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(side).putInt(side)
                .put((byte) 1)  // bit depth
                .put((byte) 0)  // colour type: grayscale
                .put((byte) 0)  // compression: deflate
                .put((byte) 0)  // filter method
                .put((byte) 0); // no interlace
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", deflate(raw));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** {@code data:image/png;base64,…} of the QR code, for JSON answers and img tags. */
    public static String dataUrl(String text) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(text));
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 8 + 64);
            byte[] buf = new byte[4096];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
