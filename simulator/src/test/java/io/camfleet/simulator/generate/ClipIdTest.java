package io.camfleet.simulator.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClipIdTest {
  @Test
  void theTextIsClipCameraDayIndex() {
    assertEquals("clip-cam-00042-0-0", ClipId.of("cam-00042", 0, 0).text());
    assertEquals("clip-cam-7-89-1234", ClipId.of("cam-7", 89, 1234).text());
    assertEquals("clip-cam-7-89-1234", ClipId.text("cam-7", 89, 1234));
    assertEquals("clip-cam-7-89-1234", ClipId.of("cam-7", 89, 1234).toString());
  }

  @Test
  void theBytesAreTheTextsUtf8AtAnyOffset() {
    for (String camera : new String[] {"cam-1", "", "kamera-ß", "相机", "r7:cam-0009"}) {
      for (int day : new int[] {0, 1, 9, 10, 99, 100, 2191, Integer.MAX_VALUE}) {
        for (int index : new int[] {0, 5, 10, 511, 512, 100_000}) {
          ClipId id = ClipId.of(camera, day, index);
          byte[] expected = id.text().getBytes(StandardCharsets.UTF_8);
          assertEquals(expected.length, id.utf8Length(), id.text());
          byte[] b = new byte[expected.length + 7];
          Arrays.fill(b, (byte) 'z');
          assertEquals(3 + expected.length, id.writeUtf8(b, 3));
          assertArrayEquals(expected, Arrays.copyOfRange(b, 3, 3 + expected.length), id.text());
          assertEquals('z', b[2]);
          assertEquals('z', b[3 + expected.length]);
        }
      }
    }
  }

  @Test
  void aNegativeDayOrIndexIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ClipId.of("cam-1", -1, 0));
    assertThrows(IllegalArgumentException.class, () -> ClipId.of("cam-1", 0, -1));
  }
}
