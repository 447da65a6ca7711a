"""line_plot: curves (a loss, an accuracy) as an Image, drawn by PlotReport's PNG plotter."""
import struct
import zlib

import numpy

from kusari.training.extensions import _png_line_plot
from kusari.visual.png import Image


def _image_from_png(data):
    """Pixels of a PNG written by _png_line_plot (8-bit RGB, filter 0 on every row)."""
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    rows = numpy.frombuffer(zlib.decompress(idat), numpy.uint8).reshape(height, 1 + width * 3)
    return rows[:, 1:].reshape(height, width, 3)


def line_plot(series, width=480, height=320, marker=None):
    """An Image of curves: ``series`` is one curve (a list of y values, or of (x, y) pairs) or a
    dict of several (one colour each, in matplotlib's cycle, in the dict's order)."""
    curves = list(series.values()) if isinstance(series, dict) else [series]
    pairs = []
    for i, curve in enumerate(curves):
        curve = list(curve)
        if curve and not isinstance(curve[0], (list, tuple)):
            curve = list(enumerate(curve))
        try:
            pairs.append([(float(x), float(y)) for x, y in curve])
        except (TypeError, ValueError):
            raise ValueError(f"line_plot: curve {i} must hold numbers or (x, y) pairs") from None
    return Image(_image_from_png(_png_line_plot.plot_lines(pairs, width=width, height=height, marker=marker)))
