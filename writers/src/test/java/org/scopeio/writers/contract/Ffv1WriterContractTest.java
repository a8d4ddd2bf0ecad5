package org.scopeio.writers.contract;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.PixelType;
import org.scopeio.api.spi.WriterProvider;
import org.scopeio.testkit.WriterContractTest;
import org.scopeio.writers.RealReaders;
import org.scopeio.writers.internal.Ffv1WriterProvider;

/** The FFV1 writer, read back exactly by ffmpeg. */
class Ffv1WriterContractTest extends WriterContractTest {
  @BeforeEach
  void needsFfmpeg() {
    RealReaders.requireFfmpeg();
  }

  @Override
  protected WriterProvider provider() {
    return new Ffv1WriterProvider();
  }

  @Override
  protected List<int[]> readBack(Path stem, DeviceInfo info) {
    boolean sixteen = info.pixelType() == PixelType.UINT16;
    Path video = stem.resolveSibling(stem.getFileName() + ".ffv1.mkv");
    ByteBuffer b =
        ByteBuffer.wrap(RealReaders.ffmpegDecode(video, sixteen ? "gray16le" : "gray"))
            .order(ByteOrder.LITTLE_ENDIAN);
    int n = info.width() * info.height();
    List<int[]> frames = new ArrayList<>();
    while (b.hasRemaining()) {
      int[] px = new int[n];
      for (int i = 0; i < n; i++) {
        px[i] = sixteen ? b.getShort() & 0xFFFF : b.get() & 0xFF;
      }
      frames.add(px);
    }
    return frames;
  }
}
