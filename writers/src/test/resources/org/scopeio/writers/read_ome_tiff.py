"""Reads an OME-TIFF with tifffile and prints what a user of the file would see, as JSON.

Usage: read_ome_tiff.py <file.ome.tif> <ome-xml output path>
Prints: is_ome, is_bigtiff, series kind, axes, shape, dtype, byte order, page count, and the
SHA-256 of the series' pixels as little-endian bytes in (frame, row, column) order (hashed frame by
frame, so memory stays small whatever the file size). Writes the OME-XML to the second path.
"""
import hashlib
import json
import sys
import warnings

import tifffile

warnings.simplefilter("error")  # a malformed OME-XML makes tifffile warn and fall back; fail instead

path, xml_out = sys.argv[1], sys.argv[2]
with tifffile.TiffFile(path) as tif:
    series = tif.series[0]
    digest = hashlib.sha256()
    for page in series.pages:
        digest.update(page.asarray().astype(series.dtype.newbyteorder("<")).tobytes())
    with open(xml_out, "w", encoding="utf-8") as out:
        out.write(tif.ome_metadata or "")
    print(json.dumps({
        "is_ome": bool(tif.is_ome),
        "is_bigtiff": bool(tif.is_bigtiff),
        "kind": getattr(series, "kind", None),
        "axes": series.axes,
        "shape": list(series.shape),
        "dtype": str(series.dtype),
        "byteorder": tif.byteorder,
        "pages": len(tif.pages),
        "sha256": digest.hexdigest(),
    }))
