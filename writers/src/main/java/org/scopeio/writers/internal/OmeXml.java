package org.scopeio.writers.internal;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.scopeio.api.DeviceInfo;

/**
 * Writes the OME-XML (schema 2016-06) of a single-image OME-TIFF: one gray channel, one plane per
 * file frame in IFD order, each {@code Plane} with its {@code TheT} and its measured {@code
 * DeltaT}. Streams the planes, so the document's size is not limited by memory. The output is pure
 * ASCII (other characters become character references), as TIFF's ImageDescription requires.
 */
public final class OmeXml {
  /** Namespace of the OME 2016-06 schema. */
  public static final String NAMESPACE = "http://www.openmicroscopy.org/Schemas/OME/2016-06";

  private OmeXml() {}

  /**
   * What the document says about the image besides its planes.
   *
   * @param name image name (the file stem)
   * @param info the stream
   * @param acquired wall-clock time of the first frame
   * @param planes number of planes (file frames)
   * @param timeIncrementSeconds mean time between frames, or NaN if unknown
   * @param framesLost frames lost in the recording (listed in the metadata sidecar)
   * @param metadataFile name of the per-frame metadata sidecar
   */
  public record Image(
      String name,
      DeviceInfo info,
      Instant acquired,
      long planes,
      double timeIncrementSeconds,
      long framesLost,
      String metadataFile,
      java.util.Optional<MadeBy> madeBy) {}

  /** Produces the planes' times in order. */
  @FunctionalInterface
  public interface Planes {
    /** Calls {@code sink} once per plane with its time since the first plane, in seconds. */
    void forEach(PlaneSink sink) throws IOException;
  }

  /** Receives one plane's time. */
  @FunctionalInterface
  public interface PlaneSink {
    /** One plane, {@code deltaT} seconds after the first. */
    void plane(double deltaT) throws IOException;
  }

  /** Writes the document for {@code image} to {@code out}. */
  public static void write(Writer out, Image image, Planes planes) throws IOException {
    DeviceInfo info = image.info();
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.write("<OME xmlns=\"" + NAMESPACE + "\"");
    out.write(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"");
    out.write(" xsi:schemaLocation=\"" + NAMESPACE + " " + NAMESPACE + "/ome.xsd\"");
    out.write(
        " Creator=\""
            + attr(MadeBy.thisSoftware())
            + "\" UUID=\"urn:uuid:"
            + UUID.randomUUID()
            + "\">\n");
    out.write("  <Image ID=\"Image:0\" Name=\"" + attr(image.name()) + "\">\n");
    out.write("    <AcquisitionDate>" + image.acquired() + "</AcquisitionDate>\n");
    out.write("    <Description>" + text(info.description()) + "</Description>\n");
    String type = info.pixelType().id();
    out.write("    <Pixels ID=\"Pixels:0\" DimensionOrder=\"XYZCT\" Type=\"" + type + "\"");
    out.write(" SignificantBits=\"" + info.pixelType().bytes() * 8 + "\"");
    out.write(" BigEndian=\"false\" Interleaved=\"false\"");
    out.write(" SizeX=\"" + info.width() + "\" SizeY=\"" + info.height() + "\"");
    out.write(" SizeZ=\"1\" SizeC=\"1\" SizeT=\"" + image.planes() + "\"");
    if (!Double.isNaN(image.timeIncrementSeconds())) {
      out.write(" TimeIncrement=\"" + image.timeIncrementSeconds() + "\" TimeIncrementUnit=\"s\"");
    }
    out.write(">\n");
    out.write("      <Channel ID=\"Channel:0:0\" SamplesPerPixel=\"1\"><LightPath/></Channel>\n");
    out.write("      <TiffData IFD=\"0\" PlaneCount=\"" + image.planes() + "\"/>\n");
    long[] t = {0};
    planes.forEach(
        deltaT -> {
          out.write("      <Plane TheZ=\"0\" TheC=\"0\" TheT=\"");
          out.write(Long.toString(t[0]++));
          out.write("\" DeltaT=\"");
          out.write(Double.toString(deltaT));
          out.write("\" DeltaTUnit=\"s\"/>\n");
        });
    out.write("    </Pixels>\n");
    out.write("    <AnnotationRef ID=\"Annotation:0\"/>\n");
    out.write("  </Image>\n");
    out.write("  <StructuredAnnotations>\n");
    out.write("    <MapAnnotation ID=\"Annotation:0\" Namespace=\"org.scopeio/recording\">\n");
    out.write("      <Value>\n");
    Map<String, String> facts = new TreeMap<>();
    info.properties().forEach((k, v) -> facts.put("property." + k, v));
    facts.put("device", info.deviceType());
    facts.put("frames_lost", Long.toString(image.framesLost()));
    facts.put("frame_metadata", image.metadataFile());
    image.madeBy().ifPresent(m -> m.addTo(facts));
    if (info.hasFrameRate()) {
      facts.put("nominal_frame_rate", Double.toString(info.frameRate()));
    }
    for (Map.Entry<String, String> e : facts.entrySet()) {
      out.write("        <M K=\"" + attr(e.getKey()) + "\">" + text(e.getValue()) + "</M>\n");
    }
    out.write("      </Value>\n");
    out.write("    </MapAnnotation>\n");
    out.write("  </StructuredAnnotations>\n");
    out.write("</OME>\n");
  }

  static String text(String s) {
    return escape(s, false);
  }

  static String attr(String s) {
    return escape(s, true);
  }

  private static String escape(String s, boolean attribute) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append(attribute ? "&quot;" : "\"");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            b.append('?'); // not allowed in XML 1.0 at all
          } else if (c > 0x7e || (attribute && c < 0x20)) {
            b.append("&#x").append(Integer.toHexString(c)).append(';');
          } else {
            b.append((char) c);
          }
        }
      }
    }
    return b.toString();
  }
}
