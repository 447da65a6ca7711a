"""encode_png: 8-bit grey or RGB pixels to PNG bytes; Image: pixels a notebook can show."""
import struct
import zlib

import numpy

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)


def _as_pixels(pixels):
    a = numpy.asarray(pixels)
    if a.ndim == 3 and a.shape[2] == 1:
        a = a[:, :, 0]
    if not (a.ndim == 2 or (a.ndim == 3 and a.shape[2] == 3)):
        raise ValueError(f"encode_png: pixels must be (H, W) grey or (H, W, 3) RGB, got shape {a.shape}")
    if a.shape[0] < 1 or a.shape[1] < 1:
        raise ValueError(f"encode_png: the image is empty (shape {a.shape})")
    if a.dtype != numpy.uint8:
        if a.dtype.kind not in "biu" or a.min() < 0 or a.max() > 255:
            raise ValueError(f"encode_png: pixels must be uint8 (or integers in 0..255), got {a.dtype}")
        a = a.astype(numpy.uint8)
    return numpy.ascontiguousarray(a)


def encode_png(pixels):
    """PNG bytes of ``pixels``: a uint8 array (H, W) for grey or (H, W, 3) for RGB, row 0 on top."""
    a = _as_pixels(pixels)
    height, width = a.shape[:2]
    colour_type = 0 if a.ndim == 2 else 2
    rows = a.reshape(height, -1)
    raw = numpy.concatenate([numpy.zeros((height, 1), numpy.uint8), rows], axis=1)  # filter 0 per row
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw.tobytes(), 6)) +
            _chunk(b"IEND", b""))


class Image:
    """A picture shown by the notebook (``_repr_png_``); ``pixels`` is the uint8 array, enlarged
    ``scale`` times by repeating pixels."""

    def __init__(self, pixels, scale=1):
        a = _as_pixels(pixels)
        scale = int(scale)
        if scale < 1:
            raise ValueError(f"Image: scale must be a positive integer, got {scale}")
        if scale > 1:
            a = a.repeat(scale, axis=0).repeat(scale, axis=1)
        self.pixels = a

    @property
    def width(self):
        return self.pixels.shape[1]

    @property
    def height(self):
        return self.pixels.shape[0]

    def _repr_png_(self):
        return encode_png(self.pixels)

    def save(self, path):
        with open(path, "wb") as f:
            f.write(self._repr_png_())

    def __repr__(self):
        kind = "grey" if self.pixels.ndim == 2 else "RGB"
        return f"<kusari.visual.Image {self.width}x{self.height} {kind}>"
