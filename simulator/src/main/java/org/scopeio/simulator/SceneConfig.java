package org.scopeio.simulator;

import org.scopeio.api.PixelType;

/**
 * Settings of a {@link CalciumScene}. Intensities are in photoelectrons per pixel and frame.
 *
 * @param width columns
 * @param height rows
 * @param pixelType 8-bit (1 DN per electron) or 16-bit (16 DN per electron, like a 12-bit sensor)
 * @param frameRate frames per second (sets calcium kinetics and spike probabilities)
 * @param seed everything random derives from it: the same seed gives the same frames
 * @param neurons number of neurons
 * @param background mean background at the centre of the field, in electrons
 * @param readNoise read noise standard deviation, in electrons
 * @param motionJitter largest rigid displacement of the tissue, in pixels (0 for none)
 * @param spikeRate mean spike rate per neuron, in Hz
 */
public record SceneConfig(
    int width,
    int height,
    PixelType pixelType,
    double frameRate,
    long seed,
    int neurons,
    double background,
    double readNoise,
    double motionJitter,
    double spikeRate) {

  public SceneConfig {
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
      throw new IllegalArgumentException(
          "scene size must be 1..16384 in each direction, got " + width + "x" + height);
    }
    if (!(frameRate > 0)) {
      throw new IllegalArgumentException("frame rate must be > 0, got " + frameRate);
    }
    String[] names = {"neurons", "background", "read noise", "motion jitter", "spike rate"};
    double[] values = {neurons, background, readNoise, motionJitter, spikeRate};
    for (int i = 0; i < names.length; i++) {
      if (!(values[i] >= 0) || Double.isInfinite(values[i])) {
        throw new IllegalArgumentException(
            "the scene's " + names[i] + " must be a finite number >= 0, got " + values[i]);
      }
    }
  }

  /** A 200x200 8-bit scene at 20 fps with 30 neurons, like a wireless miniscope. */
  public static SceneConfig defaults(long seed) {
    return new SceneConfig(200, 200, PixelType.UINT8, 20.0, seed, 30, 60.0, 2.0, 1.0, 0.5);
  }
}
