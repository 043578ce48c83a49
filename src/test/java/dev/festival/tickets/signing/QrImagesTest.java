package dev.festival.tickets.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nayuki.qrcodegen.QrCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrImagesTest {
    private static final String TEXT = "FT1.abcdefghijkl." + "A".repeat(91) + "." + "B".repeat(86);

    @Test
    void pngIsAValidImageWithQuietZoneAndFinderPatterns() throws Exception {
        byte[] png = QrImages.png(TEXT);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(png, 8));

        // ImageIO only here, in the test, to read the hand-written PNG back
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        QrCode qr = QrCode.encodeText(TEXT, QrCode.Ecc.MEDIUM);
        int side = (qr.size + 2 * QrImages.QUIET_ZONE) * QrImages.SCALE;
        assertEquals(side, img.getWidth());
        assertEquals(side, img.getHeight());
        int white = 0xFFFFFFFF;
        int black = 0xFF000000;
        assertEquals(white, img.getRGB(0, 0), "quiet zone is white");
        assertEquals(white, img.getRGB(side - 1, side - 1), "quiet zone is white");
        int origin = QrImages.QUIET_ZONE * QrImages.SCALE;
        assertEquals(black, img.getRGB(origin, origin), "finder pattern's outer ring is black");
        assertEquals(white, img.getRGB(origin + QrImages.SCALE + 1, origin + QrImages.SCALE + 1),
                "finder pattern's inner ring is white");
        assertEquals(black, img.getRGB(origin + 3 * QrImages.SCALE, origin + 3 * QrImages.SCALE),
                "finder pattern's centre is black");
        // every module of the symbol is rendered as its colour
        for (int my = 0; my < qr.size; my++) {
            for (int mx = 0; mx < qr.size; mx++) {
                int rgb = img.getRGB(origin + mx * QrImages.SCALE + 3, origin + my * QrImages.SCALE + 3);
                assertEquals(qr.getModule(mx, my) ? black : white, rgb, "module " + mx + "," + my);
            }
        }
    }

    @Test
    void dataUrlWrapsThePngInBase64() {
        String url = QrImages.dataUrl(TEXT);
        assertTrue(url.startsWith("data:image/png;base64,"));
        assertArrayEquals(QrImages.png(TEXT), Base64.getDecoder().decode(url.substring("data:image/png;base64,".length())));
    }
}
