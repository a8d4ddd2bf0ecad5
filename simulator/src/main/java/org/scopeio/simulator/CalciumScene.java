package org.scopeio.simulator;

import org.scopeio.api.PixelType;

/**
 * A deterministic synthetic one-photon calcium-imaging movie, as a miniscope sees it: an uneven,
 * vignetted background; slowly drifting out-of-focus neuropil; neurons as soft blobs whose
 * brightness follows spike-driven calcium transients (fast rise, exponential decay); optional rigid
 * motion jitter; shot noise and read noise.
 *
 * <p>Frames are rendered in order by {@link #next8()} or {@link #next16()}; the same {@link
 * SceneConfig} (seed included) always yields the same pixel values. Not thread-safe.
 */
public final class CalciumScene {
  private static final int NOISE_TABLE_BITS = 16;
  private static final int NEUROPIL_MODES = 3;
  private static final double TAU_RISE_S = 0.05;
  private static final double TAU_DECAY_S = 0.7;

  private final SceneConfig config;
  private final int width;
  private final int height;
  private final double gain;
  private final int maxValue;
  private final float[] background;
  private final float[][] neuropilX;
  private final float[][] neuropilY;
  private final double[] neuropilAmp;
  private final Neuron[] neurons;
  private final float[] noiseTable;
  private final SplitMix64 noiseRng;
  private final SplitMix64 spikeRng;
  private final SplitMix64 motionRng;
  private final SplitMix64 neuropilRng;
  private final double riseDecay;
  private final double decayDecay;
  private final double spikeProbability;
  private final float[] expected;
  private double shiftX;
  private double shiftY;
  private long frame;

  public CalciumScene(SceneConfig config) {
    this.config = config;
    this.width = config.width();
    this.height = config.height();
    this.gain = config.pixelType() == PixelType.UINT8 ? 1.0 : 16.0;
    this.maxValue = config.pixelType().maxValue();
    SplitMix64 root = new SplitMix64(config.seed());
    SplitMix64 layoutRng = root.split();
    this.noiseRng = root.split();
    this.spikeRng = root.split();
    this.motionRng = root.split();
    this.neuropilRng = root.split();
    SplitMix64 tableRng = root.split();

    double dt = 1.0 / config.frameRate();
    this.riseDecay = Math.exp(-dt / TAU_RISE_S);
    this.decayDecay = Math.exp(-dt / TAU_DECAY_S);
    this.spikeProbability = Math.min(1.0, config.spikeRate() * dt);

    this.background = new float[width * height];
    double cx = (width - 1) / 2.0;
    double cy = (height - 1) / 2.0;
    double r2max = cx * cx + cy * cy + 1e-9;
    // a fixed low-frequency texture (vessels, uneven illumination) on a vignetted field
    double fx = 1 + layoutRng.nextDouble() * 2;
    double fy = 1 + layoutRng.nextDouble() * 2;
    double phase = layoutRng.nextDouble() * 2 * Math.PI;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double r2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / r2max;
        double vignette = 1.0 - 0.55 * r2;
        double texture =
            1.0
                + 0.08
                    * Math.sin(2 * Math.PI * (fx * x / width + fy * y / height) + phase)
                    * Math.cos(2 * Math.PI * fy * x / width);
        background[y * width + x] = (float) (config.background() * vignette * texture);
      }
    }

    this.neuropilX = new float[NEUROPIL_MODES][width];
    this.neuropilY = new float[NEUROPIL_MODES][height];
    this.neuropilAmp = new double[NEUROPIL_MODES];
    for (int k = 0; k < NEUROPIL_MODES; k++) {
      double kx = 0.5 + layoutRng.nextDouble() * 1.5;
      double ky = 0.5 + layoutRng.nextDouble() * 1.5;
      double px = layoutRng.nextDouble() * 2 * Math.PI;
      double py = layoutRng.nextDouble() * 2 * Math.PI;
      for (int x = 0; x < width; x++) {
        neuropilX[k][x] = (float) Math.cos(2 * Math.PI * kx * x / width + px);
      }
      for (int y = 0; y < height; y++) {
        neuropilY[k][y] = (float) Math.cos(2 * Math.PI * ky * y / height + py);
      }
    }

    this.neurons = new Neuron[config.neurons()];
    double margin = Math.min(6, Math.min(width, height) / 4.0);
    for (int i = 0; i < neurons.length; i++) {
      double sigma = 1.8 + layoutRng.nextDouble() * 1.6;
      double nx = margin + layoutRng.nextDouble() * Math.max(0, width - 1 - 2 * margin);
      double ny = margin + layoutRng.nextDouble() * Math.max(0, height - 1 - 2 * margin);
      double baseline = config.background() * (0.15 + 0.2 * layoutRng.nextDouble());
      double response = config.background() * (0.8 + 1.2 * layoutRng.nextDouble());
      neurons[i] = new Neuron(nx, ny, sigma, baseline, response);
    }

    this.noiseTable = new float[1 << NOISE_TABLE_BITS];
    for (int i = 0; i < noiseTable.length; i++) {
      noiseTable[i] = (float) tableRng.nextGaussian();
    }
    this.expected = new float[width * height];
  }

  public SceneConfig config() {
    return config;
  }

  /** Frames rendered so far. */
  public long framesRendered() {
    return frame;
  }

  /** Renders the next frame as 8-bit pixels (values clamped to 0..255). */
  public byte[] next8() {
    render();
    byte[] out = new byte[width * height];
    quantize(out, null);
    return out;
  }

  /** Renders the next frame as 16-bit pixels (values clamped to 0..65535). */
  public short[] next16() {
    render();
    short[] out = new short[width * height];
    quantize(null, out);
    return out;
  }

  private void render() {
    // drifting neuropil: each mode's amplitude follows a slow AR(1) walk
    for (int k = 0; k < NEUROPIL_MODES; k++) {
      neuropilAmp[k] = 0.97 * neuropilAmp[k] + 0.03 * 0.12 * neuropilRng.nextGaussian() * 4;
    }
    // rigid motion jitter: a mean-reverting walk clamped to the configured amplitude
    double j = config.motionJitter();
    if (j > 0) {
      shiftX = clamp(0.8 * shiftX + 0.5 * j * motionRng.nextGaussian(), -j, j);
      shiftY = clamp(0.8 * shiftY + 0.5 * j * motionRng.nextGaussian(), -j, j);
    }
    double bg = config.background();
    for (int y = 0; y < height; y++) {
      int row = y * width;
      double[] ay = new double[NEUROPIL_MODES];
      for (int k = 0; k < NEUROPIL_MODES; k++) {
        ay[k] = bg * neuropilAmp[k] * neuropilY[k][y];
      }
      for (int x = 0; x < width; x++) {
        double v = background[row + x];
        for (int k = 0; k < NEUROPIL_MODES; k++) {
          v += ay[k] * neuropilX[k][x];
        }
        expected[row + x] = (float) v;
      }
    }
    int dx = (int) Math.round(shiftX);
    int dy = (int) Math.round(shiftY);
    for (Neuron n : neurons) {
      n.step(spikeRng.nextDouble() < spikeProbability, riseDecay, decayDecay);
      n.paint(expected, width, height, dx, dy);
    }
    frame++;
  }

  private void quantize(byte[] out8, short[] out16) {
    int mask = noiseTable.length - 1;
    double read = config.readNoise();
    int n = width * height;
    for (int i = 0; i < n; i++) {
      double lambda = Math.max(0, expected[i]);
      long r = noiseRng.nextLong();
      double shot = Math.sqrt(lambda) * noiseTable[(int) r & mask];
      double readN = read * noiseTable[(int) (r >>> 32) & mask];
      long dn = Math.round((lambda + shot + readN) * gain);
      int v = (int) Math.max(0, Math.min(maxValue, dn));
      if (out8 != null) {
        out8[i] = (byte) v;
      } else {
        out16[i] = (short) v;
      }
    }
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static final class Neuron {
    private final double x;
    private final double y;
    private final double baseline;
    private final double response;
    private final int radius;
    private final float[] footprint;
    private double rise;
    private double decay;

    Neuron(double x, double y, double sigma, double baseline, double response) {
      this.x = x;
      this.y = y;
      this.baseline = baseline;
      this.response = response;
      this.radius = (int) Math.ceil(3 * sigma);
      int side = 2 * radius + 1;
      this.footprint = new float[side * side];
      double fx = x - Math.floor(x);
      double fy = y - Math.floor(y);
      for (int j = 0; j < side; j++) {
        for (int i = 0; i < side; i++) {
          double ddx = i - radius - fx;
          double ddy = j - radius - fy;
          footprint[j * side + i] =
              (float) Math.exp(-(ddx * ddx + ddy * ddy) / (2 * sigma * sigma));
        }
      }
    }

    void step(boolean spike, double riseDecay, double decayDecay) {
      rise *= riseDecay;
      decay *= decayDecay;
      if (spike) {
        rise += 1;
        decay += 1;
      }
    }

    void paint(float[] img, int width, int height, int dx, int dy) {
      double calcium = Math.max(0, decay - rise);
      double amplitude = baseline + response * calcium;
      int side = 2 * radius + 1;
      int x0 = (int) Math.floor(x) - radius + dx;
      int y0 = (int) Math.floor(y) - radius + dy;
      for (int j = 0; j < side; j++) {
        int py = y0 + j;
        if (py < 0 || py >= height) {
          continue;
        }
        for (int i = 0; i < side; i++) {
          int px = x0 + i;
          if (px >= 0 && px < width) {
            img[py * width + px] += (float) (amplitude * footprint[j * side + i]);
          }
        }
      }
    }
  }
}
