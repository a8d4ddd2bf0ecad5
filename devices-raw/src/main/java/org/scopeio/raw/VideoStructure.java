package org.scopeio.raw;

import java.util.ArrayList;
import java.util.List;

/**
 * How the samples of a raw video file are laid out (after its header): the size of each image
 * dimension and which axis of the file (in C order, the last axis varying fastest) holds frames,
 * rows, columns, channels and, optionally, planes. The frame axis's length follows from the file
 * size. The names are roiextractors' ({@code num_rows}, {@code frame_axis}, ...).
 *
 * <p>A file written {@code frames x rows x columns} (our raw writer's layout) has {@code frame_axis
 * 0, rows_axis 1, columns_axis 2, channel_axis 3} and one channel.
 *
 * @param numRows rows per image
 * @param numColumns columns per image
 * @param numChannels channels per sample
 * @param numPlanes planes per sample (1 without a plane axis)
 * @param frameAxis file axis of the frames
 * @param rowsAxis file axis of the rows
 * @param columnsAxis file axis of the columns
 * @param channelAxis file axis of the channels
 * @param planeAxis file axis of the planes, or -1 if the file has no plane axis
 */
public record VideoStructure(
    int numRows,
    int numColumns,
    int numChannels,
    int numPlanes,
    int frameAxis,
    int rowsAxis,
    int columnsAxis,
    int channelAxis,
    int planeAxis) {

  /**
   * @throws IllegalArgumentException naming the bad size or axis
   */
  public VideoStructure {
    positive("num_rows", numRows);
    positive("num_columns", numColumns);
    positive("num_channels", numChannels);
    positive("num_planes", numPlanes);
    if (planeAxis < 0 && numPlanes != 1) {
      throw new IllegalArgumentException(
          "num_planes is " + numPlanes + " but there is no plane_axis; give plane_axis too");
    }
    int ndim = planeAxis < 0 ? 4 : 5;
    String[] names = {"frame_axis", "rows_axis", "columns_axis", "channel_axis", "plane_axis"};
    int[] axes = {frameAxis, rowsAxis, columnsAxis, channelAxis, planeAxis};
    for (int i = 0; i < ndim; i++) {
      if (axes[i] < 0 || axes[i] >= ndim) {
        throw new IllegalArgumentException(
            names[i]
                + " is "
                + axes[i]
                + "; a file with "
                + (ndim == 4
                    ? "frames, rows, columns and channels"
                    : "frames, rows, columns, channels and planes")
                + " has axes 0 to "
                + (ndim - 1));
      }
      for (int j = 0; j < i; j++) {
        if (axes[j] == axes[i]) {
          throw new IllegalArgumentException(
              names[i] + " is " + axes[i] + ", the same axis as " + names[j]);
        }
      }
    }
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  /** Frames x rows x columns with {@code channels} channels last (no planes). */
  public static VideoStructure framesFirst(int rows, int columns, int channels) {
    return new VideoStructure(rows, columns, channels, 1, 0, 1, 2, 3, -1);
  }

  /** Number of axes of the file: 4, or 5 with planes. */
  public int ndim() {
    return planeAxis < 0 ? 4 : 5;
  }

  /** Samples in one frame: rows x columns x planes x channels. */
  public long frameSamples() {
    return (long) numRows * numColumns * numPlanes * numChannels;
  }

  /**
   * The file's shape for {@code frames} frames, in file-axis order.
   *
   * @return one length per file axis
   */
  public long[] fileShape(long frames) {
    long[] shape = new long[ndim()];
    shape[frameAxis] = frames;
    shape[rowsAxis] = numRows;
    shape[columnsAxis] = numColumns;
    shape[channelAxis] = numChannels;
    if (planeAxis >= 0) {
      shape[planeAxis] = numPlanes;
    }
    return shape;
  }

  /** Whether the file stores frames, rows, columns[, planes], channels in this order. */
  public boolean isTimeRowsColumnsOrder() {
    return frameAxis == 0
        && rowsAxis == 1
        && columnsAxis == 2
        && (planeAxis < 0 ? channelAxis == 3 : planeAxis == 3 && channelAxis == 4);
  }

  /** The file axes, named, in file order (for messages). */
  public List<String> axisNames() {
    List<String> out = new ArrayList<>(List.of("", "", "", ""));
    if (planeAxis >= 0) {
      out.add("");
      out.set(planeAxis, "planes");
    }
    out.set(frameAxis, "frames");
    out.set(rowsAxis, "rows");
    out.set(columnsAxis, "columns");
    out.set(channelAxis, "channels");
    return out;
  }
}
